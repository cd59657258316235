using System.Globalization;

namespace Warehouse.Etl.Sources.Payments;

/// <summary>
/// The values of published payment files as councils write them: dates in four shapes, redaction markers in
/// their spellings, capital/revenue codes, and the keys suppliers are matched by (docs/formats/payments.md §3).
/// </summary>
public static class PaymentCells
{
    private static readonly string[] DateFormats =
    [
        "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy", "yyyy-MM-dd", "yyyy/MM/dd", "dd.MM.yyyy", "dd-MM-yyyy",
        "dd-MMM-yy", "d-MMM-yy", "dd-MMM-yyyy", "d-MMM-yyyy", "dd MMM yyyy", "d MMM yyyy", "dd MMM yy", "d MMMM yyyy", "dd MMMM yyyy",
    ];

    /// <summary>
    /// An amount as published. The shapes of nearly every row (`1234.56`, `£1,234.56`, `-£2,300.00`) are read here
    /// without the clean-up <see cref="Cells.Money"/> does; anything else (brackets, `k`, dashes) is left to it.
    /// </summary>
    public static Parsed<decimal> Amount(object? cell)
    {
        if (cell is not string text || text.Length is 0 or > 40)
            return Cells.Money(cell, inThousands: false);
        Span<char> digits = stackalloc char[text.Length];
        var length = 0;
        var i = 0;
        if (text[0] == '-')
            digits[length++] = text[i++];
        if (i < text.Length && text[i] == '£')
            i++;
        var point = false;
        var afterPoint = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits[length++] = c;
                if (point)
                    afterPoint++;
            }
            else if (c == ',' && !point && length > 0 && char.IsAsciiDigit(digits[length - 1]))
                continue;
            else if (c == '.' && !point)
            {
                point = true;
                digits[length++] = c;
            }
            else
                return Cells.Money(cell, inThousands: false);
        }
        if (length == 0 || digits[length - 1] == '-' || point && afterPoint == 0 ||
            !decimal.TryParse(digits[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return Cells.Money(cell, inThousands: false);
        return Parsed<decimal>.Of(decimal.Round(value, 2, MidpointRounding.AwayFromZero));
    }

    // Excel serials of 1 January 1990 and 31 December 2099: a number outside them is not a payment date.
    private const double FirstSerial = 32874, LastSerial = 73050;

    /// <summary>
    /// A payment date: a workbook date, an Excel serial (number or digits), `dd/mm/yyyy` (UK order, never US),
    /// ISO `yyyy-mm-dd` (a time after it is ignored), or `dd-Mon-yy`. Blank is missing; anything else says why.
    /// </summary>
    public static Parsed<DateOnly> Date(object? cell)
    {
        switch (cell)
        {
            case null:
                return Parsed<DateOnly>.Missing;
            case DateTime dt:
                return Plausible(DateOnly.FromDateTime(dt));
            case double serial:
                return Serial(serial);
        }
        var text = Convert.ToString(cell, CultureInfo.InvariantCulture)!.Trim();
        if (text.Length == 0)
            return Parsed<DateOnly>.Missing;
        if (text.All(char.IsAsciiDigit) && text.Length is 5)
            return Serial(double.Parse(text, CultureInfo.InvariantCulture));
        // `2018-04-05T00:00:00`, `05/04/2018 00:00:00`: the time of day says nothing here.
        var cut = text.IndexOfAny(['T', ' ']);
        if (cut > 0 && text[(cut + 1)..].Contains(':'))
            text = text[..cut];
        if (UkOrIsoDate(text) is { } quick)
            return Plausible(quick);
        text = text.Replace("Sept", "Sep", StringComparison.OrdinalIgnoreCase);
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? Plausible(date)
            : Parsed<DateOnly>.Fail("is not a date (dd/mm/yyyy, yyyy-mm-dd, dd-Mon-yy or an Excel date)");
    }

    // `dd/mm/yyyy` and `yyyy-mm-dd`, the shapes of nearly every row, without the format list; null for others.
    private static DateOnly? UkOrIsoDate(string text)
    {
        static int Two(string t, int at) => (t[at] - '0') * 10 + t[at + 1] - '0';
        if (text.Length != 10)
            return null;
        int year, month, day;
        if (text[2] == '/' && text[5] == '/' && AllDigits(text, 0, 2) && AllDigits(text, 3, 2) && AllDigits(text, 6, 4))
            (day, month, year) = (Two(text, 0), Two(text, 3), Two(text, 6) * 100 + Two(text, 8));
        else if (text[4] == '-' && text[7] == '-' && AllDigits(text, 0, 4) && AllDigits(text, 5, 2) && AllDigits(text, 8, 2))
            (year, month, day) = (Two(text, 0) * 100 + Two(text, 2), Two(text, 5), Two(text, 8));
        else
            return null;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static bool AllDigits(string text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
            if (!char.IsAsciiDigit(text[i]))
                return false;
        return true;
    }

    private static Parsed<DateOnly> Serial(double serial) =>
        serial is >= FirstSerial and <= LastSerial && serial == Math.Floor(serial)
            ? Parsed<DateOnly>.Of(DateOnly.FromDateTime(DateTime.FromOADate(serial)))
            : Parsed<DateOnly>.Fail("is a number that is not an Excel date between 1990 and 2099");

    private static Parsed<DateOnly> Plausible(DateOnly date) =>
        date.Year is >= 1990 and <= 2099 ? Parsed<DateOnly>.Of(date) : Parsed<DateOnly>.Fail($"is a date in {date.Year}, not a plausible payment date");

    // How published files withhold a payee's name (lower case, as NameKey gives it). A name containing one of
    // these is redacted; so is a blank name, which is how some files withhold it.
    private static readonly string[] RedactionMarkers = ["redacted", "personal data", "withheld", "personal information"];
    private static readonly string[] RedactedNames = ["individual", "private individual", "name withheld", "not disclosed"];

    /// <summary>The payee's name is withheld as personal data (or blank).</summary>
    public static bool IsRedacted(string? supplierName)
    {
        if (supplierName is null)
            return true;
        var key = Cells.NameKey(supplierName);
        return key.Length == 0 || RedactionMarkers.Any(key.Contains) || RedactedNames.Contains(key);
    }

    private static readonly string[] IndividualTypes = ["individual", "person", "private individual", "employee"];

    /// <summary>A supplier-type cell that says the payee is a person: the payment is redacted whatever the name says.</summary>
    public static bool IsIndividual(string? supplierType) => supplierType is not null && IndividualTypes.Contains(Cells.NameKey(supplierType));

    /// <summary>`capital` or `revenue` from what files write (C, CAP, Capital; R, REV, Revenue); anything else is absent.</summary>
    public static string? CapitalOrRevenue(string? text) => text is null ? null : Cells.NameKey(text) switch
    {
        "c" or "cap" or "capital" or "capital expenditure" => "capital",
        "r" or "rev" or "revenue" or "revenue expenditure" => "revenue",
        _ => null,
    };

    /// <summary>
    /// The key a supplier is matched by within its body: its supplier id where the file has one, else its name
    /// without case, punctuation or the company suffix's spelling (`Acme Ltd.` = `ACME LIMITED`).
    /// </summary>
    public static string SupplierMatchKey(string? supplierId, string supplierName) =>
        supplierId is { Length: > 0 } id ? "id:" + id.Trim().ToUpperInvariant() : "name:" + NameMatchKey(supplierName);

    public static string NameMatchKey(string name)
    {
        var words = Cells.NameKey(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w switch
        {
            "limited" => "ltd",
            "company" => "co",
            "public limited company" => "plc",
            _ => w,
        }).ToList();
        if (words.Count > 1 && words[0] == "the")
            words.RemoveAt(0);
        return string.Join(' ', words);
    }
}
