import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """双随机、一公开 (issue 23, 国办发〔2015〕58号): inspectors, conflicts, plans, frozen lists, visits."""

    dependencies = [
        ("supervision", "0001_initial"),
        ("portal", "0003_audit_log_retention"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='InspectionPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=40, unique=True, verbose_name='计划编号')),
                ('title', models.CharField(max_length=200, verbose_name='计划名称')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='季度')),
                ('sample_size', models.PositiveSmallIntegerField(verbose_name='抽取企业数')),
                ('inspectors_per_visit', models.PositiveSmallIntegerField(default=2, verbose_name='每户检查人员数')),
                ('status', models.CharField(choices=[('draft', '草拟中'), ('seed_published', '随机种子已公布'), ('drawn', '已抽取'), ('visiting', '检查中'), ('published', '结果已公开')], db_index=True, default='draft', max_length=16, verbose_name='状态')),
                ('seed', models.CharField(blank=True, max_length=64, verbose_name='随机种子')),
                ('seed_published_on', models.DateField(blank=True, null=True, verbose_name='种子公布日期')),
                ('drawn_on', models.DateField(blank=True, null=True, verbose_name='抽取日期')),
                ('results_published_on', models.DateField(blank=True, null=True, verbose_name='结果公开日期')),
                ('created_on', models.DateField(verbose_name='制定日期')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('drawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '随机抽查计划',
                'verbose_name_plural': '随机抽查计划',
                'ordering': ['-year', '-quarter', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Inspector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('badge_number', models.CharField(max_length=40, unique=True, verbose_name='执法证号')),
                ('active', models.BooleanField(default=True, verbose_name='在册')),
                ('added_on', models.DateField(verbose_name='入册日期')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='inspector_record', to=settings.AUTH_USER_MODEL, verbose_name='人员')),
            ],
            options={
                'verbose_name': '执法检查人员',
                'verbose_name_plural': '执法检查人员',
                'ordering': ['badge_number'],
            },
        ),
        migrations.CreateModel(
            name='InspectorConflict',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=200, verbose_name='回避事由')),
                ('declared_on', models.DateField(verbose_name='申报日期')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.organisation', verbose_name='企业')),
                ('inspector', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='conflicts', to='supervision.inspector')),
            ],
            options={
                'verbose_name': '回避申报',
                'verbose_name_plural': '回避申报',
            },
        ),
        migrations.CreateModel(
            name='PlanEnterprise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uscc', models.CharField(max_length=18, verbose_name='统一社会信用代码')),
                ('name', models.CharField(max_length=200, verbose_name='企业名称')),
                ('inputs', models.JSONField(default=dict, verbose_name='风险因素')),
                ('weight', models.PositiveIntegerField(verbose_name='抽取权重')),
                ('draw_rank', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='抽中顺序')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.organisation')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='supervision.inspectionplan')),
            ],
            options={
                'ordering': ['uscc'],
            },
        ),
        migrations.CreateModel(
            name='InspectionVisit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visit_type', models.CharField(blank=True, choices=[('onsite', '现场检查'), ('documents', '书面检查'), ('online', '网络监测')], max_length=16, verbose_name='检查方式')),
                ('visited_on', models.DateField(blank=True, db_index=True, null=True, verbose_name='检查日期')),
                ('people_present', models.TextField(blank=True, verbose_name='在场人员')),
                ('findings', models.TextField(blank=True, verbose_name='检查情况')),
                ('risk_rating', models.CharField(blank=True, choices=[('low', '低风险'), ('medium', '中风险'), ('high', '高风险')], max_length=8, verbose_name='风险评级')),
                ('follow_up', models.CharField(blank=True, choices=[('none', '未发现问题，无需后续处理'), ('rectification', '责令限期整改'), ('referral', '移送有关部门处理'), ('recheck', '列入下次重点检查')], max_length=16, verbose_name='后续处理')),
                ('result_due_on', models.DateField(blank=True, db_index=True, null=True, verbose_name='结果公开期限')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='结果公开日期')),
                ('overdue_flagged_on', models.DateField(blank=True, null=True, verbose_name='逾期提醒日期')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspection_visits', to='portal.organisation')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='supervision.inspectionplan')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspectors', models.ManyToManyField(related_name='visits', to='supervision.inspector', verbose_name='检查人员')),
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='visit', to='supervision.planenterprise')),
            ],
            options={
                'verbose_name': '检查记录',
                'verbose_name_plural': '检查记录',
                'ordering': ['entry__draw_rank'],
            },
        ),
        migrations.CreateModel(
            name='PlanInspector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('badge_number', models.CharField(max_length=40, verbose_name='执法证号')),
                ('name', models.CharField(max_length=100, verbose_name='姓名')),
                ('agency', models.CharField(max_length=32, verbose_name='所属部门')),
                ('inspector', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='supervision.inspector')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='inspectors', to='supervision.inspectionplan')),
            ],
            options={
                'ordering': ['badge_number'],
            },
        ),
        migrations.CreateModel(
            name='PlanExclusion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('conflict', '申报回避'), ('previous', '上次检查过该企业')], max_length=16, verbose_name='排除原因')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='supervision.planenterprise')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='supervision.inspectionplan')),
                ('inspector', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='supervision.planinspector')),
            ],
        ),
        migrations.AddConstraint(
            model_name='inspectionplan',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='plan_quarter_1_to_4'),
        ),
        migrations.AddConstraint(
            model_name='inspectionplan',
            constraint=models.CheckConstraint(condition=models.Q(('sample_size__gte', 1)), name='plan_sample_at_least_one'),
        ),
        migrations.AddConstraint(
            model_name='inspectionplan',
            constraint=models.CheckConstraint(condition=models.Q(('inspectors_per_visit__gte', 2)), name='plan_two_inspectors_per_visit'),
        ),
        migrations.AddConstraint(
            model_name='inspectionplan',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(models.Q(('seed', ''), _negated=True), ('seed_published_on__isnull', False)), _connector='OR'), name='plan_seed_before_draw'),
        ),
        migrations.AddConstraint(
            model_name='inspectionplan',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'seed_published']), ('drawn_on__isnull', False), _connector='OR'), name='plan_drawn_has_date'),
        ),
        migrations.AddConstraint(
            model_name='inspectorconflict',
            constraint=models.UniqueConstraint(fields=('inspector', 'enterprise'), name='one_conflict_per_pair'),
        ),
        migrations.AddConstraint(
            model_name='planenterprise',
            constraint=models.UniqueConstraint(fields=('plan', 'enterprise'), name='one_entry_per_plan_enterprise'),
        ),
        migrations.AddConstraint(
            model_name='planenterprise',
            constraint=models.UniqueConstraint(fields=('plan', 'draw_rank'), name='one_rank_per_plan'),
        ),
        migrations.AddConstraint(
            model_name='planenterprise',
            constraint=models.CheckConstraint(condition=models.Q(('weight__gte', 1)), name='entry_weight_positive'),
        ),
        migrations.AddConstraint(
            model_name='inspectionvisit',
            constraint=models.CheckConstraint(condition=models.Q(('visited_on__isnull', True), models.Q(models.Q(('visit_type', ''), _negated=True), models.Q(('findings', ''), _negated=True), models.Q(('risk_rating', ''), _negated=True), models.Q(('follow_up', ''), _negated=True), ('result_due_on__isnull', False)), _connector='OR'), name='visit_recorded_complete'),
        ),
        migrations.AddConstraint(
            model_name='inspectionvisit',
            constraint=models.CheckConstraint(condition=models.Q(('published_on__isnull', True), ('visited_on__isnull', False), _connector='OR'), name='visit_published_after_record'),
        ),
        migrations.AddConstraint(
            model_name='planinspector',
            constraint=models.UniqueConstraint(fields=('plan', 'inspector'), name='one_plan_inspector'),
        ),
        migrations.AddConstraint(
            model_name='planexclusion',
            constraint=models.UniqueConstraint(fields=('entry', 'inspector', 'reason'), name='one_exclusion_per_reason'),
        ),
    ]
