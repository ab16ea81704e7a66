using Federation.Common.Types;

namespace Federation.SqlLogic;

/// <summary>
/// The type letters of a query record (<c>query ITR</c>) and the SQL types each stands for: I integer, R floating point
/// or decimal, T text, B boolean, D date, P timestamp (with or without time zone), ? any type. A record's letters are
/// an assertion like its rows: a column whose type has another letter fails the record.
/// </summary>
public static class SltColumnTypes
{
    /// <summary>The letter a column of this type is declared with; '?' for types with no letter of their own (interval, binary).</summary>
    public static char LetterOf(SqlType type) => type.Kind switch
    {
        TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 => 'I',
        TypeKind.Float32 or TypeKind.Float64 or TypeKind.Decimal => 'R',
        TypeKind.String => 'T',
        TypeKind.Boolean => 'B',
        TypeKind.Date => 'D',
        TypeKind.Timestamp or TypeKind.TimestampTz => 'P',
        _ => '?',
    };

    /// <summary>The record's letters next to the result's types: null when they agree, else which columns differ and how.</summary>
    public static string? Mismatch(string declared, IReadOnlyList<SqlType> actual)
    {
        if (declared.Length != actual.Count)
        {
            return $"query returned {actual.Count} columns but the record declares {declared.Length} ({declared})";
        }

        var letters = new char[actual.Count];
        var differs = new List<string>();
        for (var c = 0; c < actual.Count; c++)
        {
            letters[c] = LetterOf(actual[c]);
            if (declared[c] != '?' && declared[c] != letters[c])
            {
                differs.Add($"column {c + 1} is {actual[c]} ({letters[c]}), declared {declared[c]}");
            }
        }

        return differs.Count == 0 ? null : $"column types {new string(letters)} differ from the record's {declared}: {string.Join("; ", differs)}";
    }
}
