namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Finding typed text anywhere in a column, in any case, the same on every provider: the query compares
/// <c>TextSearch.Lower(column)</c> (SQL <c>lower()</c>, mapped in <see cref="AppDbContext"/>) with <see cref="Anywhere"/>'s pattern through <c>EF.Functions.Like</c>
/// with <see cref="Escape"/>. LIKE itself ignores case on SQLite (ASCII letters) and on SQL Server's usual collations,
/// but not on PostgreSQL; lowering both sides gives the same answers on all three. The pattern's letters are lowered
/// A–Z only, because SQLite's <c>lower()</c> folds only those: a typed "É" still finds "É" there as before.
/// The wildcards of every provider (<c>%</c>, <c>_</c>, SQL Server's <c>[</c>) and the escape itself are escaped.
/// </summary>
public static class TextSearch
{
    public const string Escape = "\\";

    /// <summary>SQL's <c>lower()</c>, for queries only (mapped as a built-in function in <see cref="AppDbContext"/>).</summary>
    public static string Lower(string text) => throw new InvalidOperationException("TextSearch.Lower is for database queries only.");

    /// <summary>The LIKE pattern that finds <paramref name="text"/> anywhere in a lowered column.</summary>
    public static string Anywhere(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = new System.Text.StringBuilder(text.Length + 8).Append('%');
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_' or '[')
            {
                pattern.Append('\\');
            }
            pattern.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }
        return pattern.Append('%').ToString();
    }
}
