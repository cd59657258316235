using System.Text;

namespace Warehouse.Jobs.Status;

/// <summary>How enum values read in messages: words, not identifiers (`previously rejected`, not `previouslyrejected`).</summary>
public static class Wording
{
    public static string Words(this Enum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                text.Append(' ');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
