"""The reports app's tables; their rows come from the strategy app's in 0002."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('funding', '0004_m2m_history'),
        ('partnerships', '0006_history_organisation_website_http_only'),
        ('strategy', '0008_consultations_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CabinetReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('committee', models.CharField(default='Cabinet', help_text='e.g. "Cabinet".', max_length=100)),
                ('meeting_on', models.DateField(verbose_name='date of meeting')),
                ('report_of', models.CharField(help_text='Who the report is from, e.g. "Steph Cordon – Head of Communities".', max_length=200)),
                ('title', models.CharField(max_length=300, verbose_name='subject/title')),
                ('portfolio_holder', models.CharField(max_length=200)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=20)),
                ('decision', models.TextField(blank=True, help_text='What the meeting decided. Recorded after the meeting.', verbose_name='decision taken')),
                ('contact_name', models.CharField(max_length=200, verbose_name='name')),
                ('contact_designation', models.CharField(max_length=200, verbose_name='designation')),
                ('contact_telephone', models.CharField(blank=True, max_length=40, verbose_name='telephone')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('include_structure_chart', models.BooleanField(default=False, help_text='The partnership structure, from the tree.', verbose_name='structure chart')),
                ('include_project_plan', models.BooleanField(default=False, help_text="The chosen strategy's milestones.", verbose_name='project plan')),
                ('include_risk_log', models.BooleanField(default=False, help_text="The chosen strategy's risk log.", verbose_name='risk log')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('appendix_strategy', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cabinet_reports', to='strategy.strategy', verbose_name='strategy for the project plan and risk log')),
                ('grant_funds', models.ManyToManyField(blank=True, help_text='Funds whose grants are appended as tables.', related_name='cabinet_reports', to='funding.fund', verbose_name='grants tables for these funds')),
                ('summary_bodies', models.ManyToManyField(blank=True, help_text='Bodies whose action plans are summarised, with their progress ratings.', related_name='cabinet_reports', to='partnerships.body', verbose_name='action plan summaries for')),
            ],
            options={
                'ordering': ['-meeting_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCabinetReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('committee', models.CharField(default='Cabinet', help_text='e.g. "Cabinet".', max_length=100)),
                ('meeting_on', models.DateField(verbose_name='date of meeting')),
                ('report_of', models.CharField(help_text='Who the report is from, e.g. "Steph Cordon – Head of Communities".', max_length=200)),
                ('title', models.CharField(max_length=300, verbose_name='subject/title')),
                ('portfolio_holder', models.CharField(max_length=200)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=20)),
                ('decision', models.TextField(blank=True, help_text='What the meeting decided. Recorded after the meeting.', verbose_name='decision taken')),
                ('contact_name', models.CharField(max_length=200, verbose_name='name')),
                ('contact_designation', models.CharField(max_length=200, verbose_name='designation')),
                ('contact_telephone', models.CharField(blank=True, max_length=40, verbose_name='telephone')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('include_structure_chart', models.BooleanField(default=False, help_text='The partnership structure, from the tree.', verbose_name='structure chart')),
                ('include_project_plan', models.BooleanField(default=False, help_text="The chosen strategy's milestones.", verbose_name='project plan')),
                ('include_risk_log', models.BooleanField(default=False, help_text="The chosen strategy's risk log.", verbose_name='risk log')),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('appendix_strategy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.strategy', verbose_name='strategy for the project plan and risk log')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical cabinet report',
                'verbose_name_plural': 'historical cabinet reports',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCabinetReport_grant_funds',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('cabinetreport', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.cabinetreport')),
                ('fund', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.fund')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='reports.historicalcabinetreport')),
            ],
            options={
                'verbose_name': 'HistoricalCabinetReport_grant_funds',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCabinetReport_summary_bodies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('body', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.body')),
                ('cabinetreport', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.cabinetreport')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='reports.historicalcabinetreport')),
            ],
            options={
                'verbose_name': 'HistoricalCabinetReport_summary_bodies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReportParagraph',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(choices=[('summary', '1. Report Summary'), ('recommendations', '2. Recommendations'), ('reasons', '3. Reasons for Recommendations'), ('options', '4. Other Options Considered'), ('background', '5. Background'), ('wards', '6. Wards Affected and Local Ward Members'), ('policy', '7.1. Policy Implications'), ('legal', '7.2. Legal Implications'), ('financial', '7.3. Financial Implications'), ('human_resources', '7.4. Human Resources Implications'), ('equality', '7.5. Equality Implications'), ('rural', '7.6. Rural Community Implications'), ('public_health', '7.7. Public Health Implications'), ('risk', '8. Risk Management'), ('background_papers', '9. Background Papers')], max_length=30)),
                ('position', models.PositiveSmallIntegerField(default=1, help_text='Order within its section (or within its parent paragraph).')),
                ('text', models.TextField()),
                ('parent', models.ForeignKey(blank=True, help_text='Leave empty for a paragraph; choose one to make this a sub-paragraph (5.6.1).', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='subparagraphs', to='reports.reportparagraph', verbose_name='sub-paragraph of')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='paragraphs', to='reports.cabinetreport')),
            ],
            options={
                'ordering': ['report', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReportParagraph',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('section', models.CharField(choices=[('summary', '1. Report Summary'), ('recommendations', '2. Recommendations'), ('reasons', '3. Reasons for Recommendations'), ('options', '4. Other Options Considered'), ('background', '5. Background'), ('wards', '6. Wards Affected and Local Ward Members'), ('policy', '7.1. Policy Implications'), ('legal', '7.2. Legal Implications'), ('financial', '7.3. Financial Implications'), ('human_resources', '7.4. Human Resources Implications'), ('equality', '7.5. Equality Implications'), ('rural', '7.6. Rural Community Implications'), ('public_health', '7.7. Public Health Implications'), ('risk', '8. Risk Management'), ('background_papers', '9. Background Papers')], max_length=30)),
                ('position', models.PositiveSmallIntegerField(default=1, help_text='Order within its section (or within its parent paragraph).')),
                ('text', models.TextField()),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.cabinetreport')),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, help_text='Leave empty for a paragraph; choose one to make this a sub-paragraph (5.6.1).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.reportparagraph', verbose_name='sub-paragraph of')),
            ],
            options={
                'verbose_name': 'historical report paragraph',
                'verbose_name_plural': 'historical report paragraphs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='cabinetreport',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('include_project_plan', False), ('include_risk_log', False)), ('appendix_strategy__isnull', False), _connector='OR'), name='report_plan_appendix_has_strategy', violation_error_message='Choose the strategy whose project plan or risk log is appended.'),
        ),
        migrations.AddIndex(
            model_name='reportparagraph',
            index=models.Index(fields=['report', 'section', 'position'], name='reports_rep_report__5eac4f_idx'),
        ),
    ]
