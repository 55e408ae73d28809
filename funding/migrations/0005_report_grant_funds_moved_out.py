"""Which funds' grants a cabinet report appends is now the report's own choice
(``reports.CabinetReport.grant_funds``): the pairs moved there in ``reports.0002``.
The per-fund history of that choice goes with the old table; the report's history
records it from now on."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0004_m2m_history'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='fund',
            name='cabinet_reports',
        ),
        migrations.DeleteModel(
            name='HistoricalFund_cabinet_reports',
        ),
    ]
