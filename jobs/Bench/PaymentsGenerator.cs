using System.Globalization;
using System.Text;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// A synthetic published payments file (docs/formats/payments.md) of one body and one quarter, shaped as councils
/// publish them: `£` and thousands separators, dd/mm/yyyy dates, supplier ids, one payee in 40 redacted, one
/// credit note in 25. Written as it is produced; the run label in the title row makes each run's bytes new.
/// </summary>
public sealed class PaymentsGenerator(long rows, string runLabel)
{
    public const int Suppliers = 2000;
    public const string Body = "Bench County Council";
    private static readonly string[] ServiceAreas = ["Adults", "Children", "Highways", "Waste", "Education", "Public Health", "Corporate"];
    private static readonly string[] Categories = ["Residential Care", "Transport", "Maintenance", "Software", "Agency Staff", "Grants"];

    public long Rows => rows;

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write($"{Body} expenditure over £500, April to June 2018 (synthetic, run {runLabel})\n");
        writer.Write("Body Name,Service Area,Expenditure Category,Expenditure Code,Paid Date,Transaction Number,Amount,Capital or Revenue,Supplier ID,Supplier Name\n");
        var firstDay = new DateOnly(2018, 4, 1);
        for (long i = 0; i < rows; i++)
        {
            var h = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
            var supplier = (int)(h % Suppliers);
            var amount = 500m + (decimal)(long)((h >> 16) % 5_000_000UL) / 100m;
            if (i % 25 == 24)
                amount = -amount;
            var redacted = i % 40 == 39;
            var date = firstDay.AddDays((int)(i % 91));
            writer.Write(Body); writer.Write(',');
            writer.Write(ServiceAreas[i % ServiceAreas.Length]); writer.Write(',');
            writer.Write(Categories[(h >> 8) % (ulong)Categories.Length]); writer.Write(',');
            writer.Write((4000 + (int)(h % 300)).ToString(CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write((46000000 + i).ToString(CultureInfo.InvariantCulture)); writer.Write(" - 1,");
            writer.Write('"'); writer.Write(amount.ToString("£#,0.00;-£#,0.00", CultureInfo.InvariantCulture)); writer.Write("\",");
            writer.Write(i % 10 == 0 ? "Capital," : "Revenue,");
            if (redacted)
                writer.Write(",REDACTED PERSONAL DATA\n");
            else
            {
                writer.Write((100000 + supplier).ToString(CultureInfo.InvariantCulture)); writer.Write(',');
                writer.Write("Bench Supplier "); writer.Write(supplier.ToString(CultureInfo.InvariantCulture)); writer.Write(" Ltd\n");
            }
        }
    }
}
