"""The consultations app's tables; their rows come from the strategy app's in 0002."""

import django.core.validators
import django.db.models.deletion
import mptt.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('partnerships', '0006_history_organisation_website_http_only'),
        ('strategy', '0007_release_moved_constraint_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Audience',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=100)),
            ],
            options={
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='StrategyAssessmentCheck',
            fields=[
            ],
            options={
                'verbose_name': 'strategy equality check',
                'verbose_name_plural': 'strategy equality checks',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('strategy.strategy',),
        ),
        migrations.CreateModel(
            name='Consultation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=200, unique=True)),
                ('local_issue', models.TextField(blank=True, help_text='The local issue the Area Board consults on.')),
                ('purpose', models.TextField(help_text='What the consultation is for, in plain language.')),
                ('stage', models.CharField(choices=[('formative', 'Formative: no decision taken, options open'), ('refining', 'Options narrowed, still open to change'), ('decided', 'Decision already taken')], default='formative', max_length=20, verbose_name='stage the proposal is at')),
                ('reasons', models.TextField(blank=True, verbose_name='reasons for the proposal')),
                ('decision_criteria', models.TextField(blank=True, help_text='The factors that will be decisive or of substantial importance.', verbose_name='criteria that will decide it')),
                ('opens_on', models.DateField(verbose_name='opens on')),
                ('closes_on', models.DateField(help_text='The last day responses are accepted.', verbose_name='closes on')),
                ('short_period_confirmed', models.BooleanField(default=False, help_text='Needed when the consultation is open for fewer days than the minimum.', verbose_name='I confirm the shorter period is adequate')),
                ('short_period_reason', models.TextField(blank=True, verbose_name='why the shorter period is adequate')),
                ('short_period_confirmed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('how_to_respond', models.TextField(blank=True)),
                ('response_url', models.URLField(blank=True, validators=[django.core.validators.URLValidator(message='Enter a web address (https://…).', schemes=['http', 'https'])], verbose_name='online response form')),
                ('response_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='number of responses')),
                ('responses_summary', models.TextField(blank=True, verbose_name='summary of the responses')),
                ('outcome', models.TextField(blank=True, verbose_name='decision taken')),
                ('outcome_published', models.BooleanField(default=False, help_text='Publish from the consultation\'s page in the admin, with the button "Publish the outcome": refused while a Gunning principle is not met.', verbose_name='outcome published')),
                ('outcome_published_on', models.DateField(blank=True, editable=False, null=True)),
                ('is_published', models.BooleanField(default=False, help_text='Leave unticked while the record is a draft.', verbose_name='show on the public site')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Example data (shown as illustrative).')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('action_plan', models.ForeignKey(blank=True, help_text="The body's action plan consulted on, if it is a plan.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='strategy.actionplan')),
                ('area_board', mptt.fields.TreeForeignKey(blank=True, help_text='The Area Board, if it is a local issue of an Area Board.', limit_choices_to={'kind': 'area_board'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='partnerships.body')),
                ('audiences', models.ManyToManyField(help_text='Who is consulted.', related_name='consultations', to='consultations.audience')),
                ('earlier_round', models.ForeignKey(blank=True, help_text='For a re-consultation: the round before it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='later_rounds', to='consultations.consultation')),
                ('outcome_published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('short_period_confirmed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('strategy', models.ForeignKey(blank=True, help_text='The strategy consulted on, if it is a strategy.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='strategy.strategy')),
            ],
            options={
                'ordering': ['-opens_on', 'title'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('title', models.CharField(max_length=200)),
                ('url', models.URLField(max_length=500, validators=[django.core.validators.URLValidator(message='Enter a web address (https://…).', schemes=['http', 'https'])], verbose_name='web address')),
                ('file_details', models.CharField(blank=True, help_text='For example "PDF, 1.2 MB".', max_length=60)),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='consultations.consultation')),
            ],
            options={
                'ordering': ['consultation', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='EqualityImpactAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('summary', models.TextField(blank=True, help_text="The assessment's conclusion.")),
                ('completed_by', models.CharField(blank=True, help_text='Name and role, or team, of who completed it.', max_length=200)),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('action_plan', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='equality_assessment', to='strategy.actionplan')),
                ('consultation', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='equality_assessment', to='consultations.consultation')),
                ('strategy', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='equality_assessment', to='strategy.strategy')),
            ],
            options={
                'verbose_name': 'equality impact assessment',
            },
        ),
        migrations.CreateModel(
            name='CharacteristicImpact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('characteristic', models.CharField(choices=[('age', 'Age'), ('disability', 'Disability'), ('gender_reassignment', 'Gender reassignment'), ('marriage_civil_partnership', 'Marriage and civil partnership'), ('pregnancy_maternity', 'Pregnancy and maternity'), ('race', 'Race'), ('religion_belief', 'Religion or belief'), ('sex', 'Sex'), ('sexual_orientation', 'Sexual orientation')], max_length=30)),
                ('impact', models.CharField(choices=[('positive', 'Positive'), ('neutral', 'Neutral'), ('negative', 'Negative'), ('unknown', 'Not known yet')], default='unknown', max_length=10)),
                ('evidence', models.TextField(blank=True, verbose_name='impact and evidence')),
                ('mitigation', models.TextField(blank=True, help_text='Required when the impact is negative: how it will be reduced.')),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='impacts', to='consultations.equalityimpactassessment')),
            ],
            options={
                'ordering': ['assessment', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAudience',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=100)),
                ('slug', models.SlugField(max_length=100)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=100)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical audience',
                'verbose_name_plural': 'historical audiences',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCharacteristicImpact',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('characteristic', models.CharField(choices=[('age', 'Age'), ('disability', 'Disability'), ('gender_reassignment', 'Gender reassignment'), ('marriage_civil_partnership', 'Marriage and civil partnership'), ('pregnancy_maternity', 'Pregnancy and maternity'), ('race', 'Race'), ('religion_belief', 'Religion or belief'), ('sex', 'Sex'), ('sexual_orientation', 'Sexual orientation')], max_length=30)),
                ('impact', models.CharField(choices=[('positive', 'Positive'), ('neutral', 'Neutral'), ('negative', 'Negative'), ('unknown', 'Not known yet')], default='unknown', max_length=10)),
                ('evidence', models.TextField(blank=True, verbose_name='impact and evidence')),
                ('mitigation', models.TextField(blank=True, help_text='Required when the impact is negative: how it will be reduced.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('assessment', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.equalityimpactassessment')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical characteristic impact',
                'verbose_name_plural': 'historical characteristic impacts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsultation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=200)),
                ('local_issue', models.TextField(blank=True, help_text='The local issue the Area Board consults on.')),
                ('purpose', models.TextField(help_text='What the consultation is for, in plain language.')),
                ('stage', models.CharField(choices=[('formative', 'Formative: no decision taken, options open'), ('refining', 'Options narrowed, still open to change'), ('decided', 'Decision already taken')], default='formative', max_length=20, verbose_name='stage the proposal is at')),
                ('reasons', models.TextField(blank=True, verbose_name='reasons for the proposal')),
                ('decision_criteria', models.TextField(blank=True, help_text='The factors that will be decisive or of substantial importance.', verbose_name='criteria that will decide it')),
                ('opens_on', models.DateField(verbose_name='opens on')),
                ('closes_on', models.DateField(help_text='The last day responses are accepted.', verbose_name='closes on')),
                ('short_period_confirmed', models.BooleanField(default=False, help_text='Needed when the consultation is open for fewer days than the minimum.', verbose_name='I confirm the shorter period is adequate')),
                ('short_period_reason', models.TextField(blank=True, verbose_name='why the shorter period is adequate')),
                ('short_period_confirmed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('how_to_respond', models.TextField(blank=True)),
                ('response_url', models.URLField(blank=True, validators=[django.core.validators.URLValidator(message='Enter a web address (https://…).', schemes=['http', 'https'])], verbose_name='online response form')),
                ('response_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='number of responses')),
                ('responses_summary', models.TextField(blank=True, verbose_name='summary of the responses')),
                ('outcome', models.TextField(blank=True, verbose_name='decision taken')),
                ('outcome_published', models.BooleanField(default=False, help_text='Publish from the consultation\'s page in the admin, with the button "Publish the outcome": refused while a Gunning principle is not met.', verbose_name='outcome published')),
                ('outcome_published_on', models.DateField(blank=True, editable=False, null=True)),
                ('is_published', models.BooleanField(default=False, help_text='Leave unticked while the record is a draft.', verbose_name='show on the public site')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Example data (shown as illustrative).')),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action_plan', models.ForeignKey(blank=True, db_constraint=False, help_text="The body's action plan consulted on, if it is a plan.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.actionplan')),
                ('area_board', mptt.fields.TreeForeignKey(blank=True, db_constraint=False, help_text='The Area Board, if it is a local issue of an Area Board.', limit_choices_to={'kind': 'area_board'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.body')),
                ('earlier_round', models.ForeignKey(blank=True, db_constraint=False, help_text='For a re-consultation: the round before it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.consultation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome_published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('short_period_confirmed_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('strategy', models.ForeignKey(blank=True, db_constraint=False, help_text='The strategy consulted on, if it is a strategy.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.strategy')),
            ],
            options={
                'verbose_name': 'historical consultation',
                'verbose_name_plural': 'historical consultations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsultation_audiences',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('audience', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.audience')),
                ('consultation', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.consultation')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='consultations.historicalconsultation')),
            ],
            options={
                'verbose_name': 'HistoricalConsultation_audiences',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsultationDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('title', models.CharField(max_length=200)),
                ('url', models.URLField(max_length=500, validators=[django.core.validators.URLValidator(message='Enter a web address (https://…).', schemes=['http', 'https'])], verbose_name='web address')),
                ('file_details', models.CharField(blank=True, help_text='For example "PDF, 1.2 MB".', max_length=60)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('consultation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.consultation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical consultation document',
                'verbose_name_plural': 'historical consultation documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEqualityImpactAssessment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('summary', models.TextField(blank=True, help_text="The assessment's conclusion.")),
                ('completed_by', models.CharField(blank=True, help_text='Name and role, or team, of who completed it.', max_length=200)),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action_plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.actionplan')),
                ('consultation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.consultation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('strategy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.strategy')),
            ],
            options={
                'verbose_name': 'historical equality impact assessment',
                'verbose_name_plural': 'historical equality impact assessments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalYouSaidWeDid',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('you_said', models.TextField(verbose_name='you said')),
                ('we_did', models.TextField(verbose_name='we did')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('consultation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='consultations.consultation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical "you said, we did" point',
                'verbose_name_plural': 'historical "you said, we did" points',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='YouSaidWeDid',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('you_said', models.TextField(verbose_name='you said')),
                ('we_did', models.TextField(verbose_name='we did')),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='consultations.consultation')),
            ],
            options={
                'verbose_name': '"you said, we did" point',
                'verbose_name_plural': '"you said, we did" points',
                'ordering': ['consultation', 'position', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='consultation',
            index=models.Index(fields=['is_published', 'opens_on', 'closes_on'], name='consultatio_is_publ_01b669_idx'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='consultation_closes_after_it_opens', violation_error_message='A consultation cannot close before it opens.'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('action_plan__isnull', True), ('area_board__isnull', True), ('local_issue', ''), ('strategy__isnull', False)), models.Q(('action_plan__isnull', False), ('area_board__isnull', True), ('local_issue', ''), ('strategy__isnull', True)), models.Q(('action_plan__isnull', True), ('area_board__isnull', False), ('strategy__isnull', True), models.Q(('local_issue', ''), _negated=True)), _connector='OR'), name='consultation_one_subject', violation_error_message='Consult on exactly one thing: a strategy, an action plan, or a local issue of an Area Board.'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(('short_period_confirmed', False), models.Q(('short_period_reason', ''), _negated=True), _connector='OR'), name='consultation_short_period_reason', violation_error_message='Give the reason the shorter period is adequate.'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(('outcome_published', False), ('is_published', True), _connector='OR'), name='consultation_outcome_is_public', violation_error_message='A published outcome must be on the public site.'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(('earlier_round', models.F('id')), _negated=True), name='consultation_not_its_own_earlier_round', violation_error_message='A consultation cannot be its own earlier round.'),
        ),
        migrations.AddConstraint(
            model_name='equalityimpactassessment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('action_plan__isnull', True), ('consultation__isnull', True), ('strategy__isnull', False)), models.Q(('action_plan__isnull', False), ('consultation__isnull', True), ('strategy__isnull', True)), models.Q(('action_plan__isnull', True), ('consultation__isnull', False), ('strategy__isnull', True)), _connector='OR'), name='assessment_one_subject', violation_error_message='Assess exactly one thing: a strategy, an action plan or a consultation.'),
        ),
        migrations.AddConstraint(
            model_name='equalityimpactassessment',
            constraint=models.CheckConstraint(condition=models.Q(('completed_on__isnull', True), models.Q(('completed_by', ''), _negated=True), _connector='OR'), name='assessment_completed_by_someone', violation_error_message='Say who completed the assessment.'),
        ),
        migrations.AddConstraint(
            model_name='characteristicimpact',
            constraint=models.UniqueConstraint(fields=('assessment', 'characteristic'), name='impact_once_per_characteristic', violation_error_message='This characteristic is already assessed.'),
        ),
        migrations.AddConstraint(
            model_name='characteristicimpact',
            constraint=models.CheckConstraint(condition=models.Q(('characteristic__in', ['age', 'disability', 'gender_reassignment', 'marriage_civil_partnership', 'pregnancy_maternity', 'race', 'religion_belief', 'sex', 'sexual_orientation'])), name='impact_known_characteristic'),
        ),
        migrations.AddConstraint(
            model_name='characteristicimpact',
            constraint=models.CheckConstraint(condition=models.Q(('impact__in', ['positive', 'neutral', 'negative', 'unknown'])), name='impact_known_value'),
        ),
        migrations.AddConstraint(
            model_name='characteristicimpact',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('impact', 'negative'), _negated=True), models.Q(('mitigation', ''), _negated=True), _connector='OR'), name='impact_negative_has_mitigation', violation_error_message='A negative impact needs a mitigation.'),
        ),
    ]
