"""Amounts of money as a reader of each language writes them: as many decimals as the currency has
(none for KRW or JPY: a won has no cents) and, in Korean, KRW in 조 / 억 / 만 (10^12, 10^8, 10^4)
rather than in thousands, millions and billions."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from babel.numbers import get_currency_precision

KOREAN_UNITS: tuple[tuple[int, str], ...] = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
KOREAN_UNIT_CURRENCIES = frozenset({"KRW"})


def _digits(currency: str) -> int:
    try:
        return get_currency_precision(currency)
    except Exception:  # an ISO code babel does not know: show what was recorded
        return 2


def amount_text(value: Decimal | float | int, currency: str, language: str = "en") -> str:
    """1000000000.00 KRW → '1,000,000,000' (en), '10억' (ko); 2500000000.00 USD → '2,500,000,000'.
    Decimals only where the currency has them and the amount is not whole."""
    number = Decimal(str(value))
    digits = _digits(currency)
    number = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    if language == "ko" and currency in KOREAN_UNIT_CURRENCIES and abs(number) >= 10**4:
        return korean_units(number)
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.{digits}f}"


def korean_units(number: Decimal) -> str:
    """1234567890 → '12억 3,456만 7,890'; groups that are zero are left out ('10억')."""
    sign = "-" if number < 0 else ""
    rest = int(abs(number).to_integral_value())
    parts = []
    for size, unit in KOREAN_UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{unit}")
    if rest:
        parts.append(f"{rest:,}")
    return sign + " ".join(parts)


def compact_text(value: float, currency: str | None, language: str = "en") -> str:
    """A short figure beside a bar: '2.5B' in English; in Korean for KRW, '25억', '1.2조'."""
    if language == "ko" and currency in KOREAN_UNIT_CURRENCIES:
        for size, unit in KOREAN_UNITS:
            if abs(value) >= size:
                return f"{value / size:.3g}{unit}"
        return f"{value:,.0f}"
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:.3g}"
