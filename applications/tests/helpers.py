"""Arrangements shared by the application tests: a complete, eligible set of answers."""

from datetime import date
from decimal import Decimal

from applications import services
from applications.models import Application

TODAY = date(2026, 5, 12)


def complete_answers(**overrides) -> dict:
    answers = {
        "legal_representative": "李建华",
        "contact_name": "李申请",
        "contact_phone": "0351-6000200",
        "independent_legal_person": True,
        "has_import_export_rights": True,
        "violations_last_2_years": False,
        "fiscal_arrears": False,
        "credit_record_clean": True,
        "registered_capital": Decimal("30000000.00"),
        "paid_in_capital": Decimal("20000000.00"),
        "net_assets": Decimal("25000000.00"),
        "foreign_trade_experience": "股东从事汽车出口十年。",
        "sourcing_capacity": "与 20 家经销商签订车源协议。",
        "overseas_channels": "哈萨克斯坦经销商。",
        "destination_policy_knowledge": "熟悉中亚进口政策。",
        "repair_parts_system": "阿拉木图合作维修站。",
        "overseas_outlets": [{"name": "阿拉木图展厅", "country": "KZ", "city": "Almaty", "ownership": "owned"}],
        "business_plan": "以中亚为主要市场。",
        "investment_plan": "三年投资 3000 万元。",
        "business_model": "集中采购整备，中欧班列运输。",
        "export_targets": [
            {"year": 2027, "vehicles": 200, "value": "20000000.00"},
            {"year": 2028, "vehicles": 400, "value": "40000000.00"},
            {"year": 2029, "vehicles": 800, "value": "80000000.00"},
        ],
    }
    answers.update(overrides)
    return answers


def draft_for(user, **overrides) -> Application:
    return services.create_application(actor=user, data=complete_answers(**overrides))


def submitted_for(user, today: date = TODAY, **overrides) -> Application:
    return services.submit_application(draft_for(user, **overrides), actor=user, today=today, credit_commitment=True)


def api_answers(**overrides) -> dict:
    """The same answers as JSON (decimals as strings)."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in complete_answers(**overrides).items()}


def minimal_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
