using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Formats.Text;
using Federation.Functions.Kernels;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// TextColumnParser reads straight from UTF-8 bytes only what PostgreSQL's input rules (the cast kernel's text input)
/// read the same way: every spelling it accepts gives the cast kernel's value, every spelling the cast kernel refuses
/// it leaves to the general conversion (null), and the spellings files use are all taken on the fast path.
/// </summary>
public sealed class TextColumnParserTests
{
    public static TheoryData<string, string, bool> Spellings() => new()
    {
        // type, text, whether the fast path takes it
        { "int", "42", true }, { "int", "-2147483648", true }, { "int", "+7", true }, { "int", "007", true },
        { "int", "2147483648", false }, { "int", " 42", false }, { "int", "4 2", false }, { "int", "-", false }, { "int", "", false }, { "int", "1.0", false },
        { "smallint", "-32768", true }, { "smallint", "32768", false },
        { "bigint", "123456789012345678", true }, { "bigint", "-9223372036854775808", false }, { "bigint", "99999999999999999999", false },
        { "decimal(15,2)", "17.00", true }, { "decimal(15,2)", "-0.05", true }, { "decimal(15,2)", "3", true }, { "decimal(15,2)", "3.", true },
        { "decimal(15,2)", ".5", true }, { "decimal(15,2)", "+1.5", true }, { "decimal(15,2)", "1.005", false }, { "decimal(15,2)", "1e3", false },
        { "decimal(5,2)", "999.99", true }, { "decimal(5,2)", "1000.00", false }, { "decimal(5,2)", "abc", false }, { "decimal(5,2)", ".", false },
        { "decimal(38,0)", "12345678901234567890123456789012345678", false }, { "decimal(38,2)", "123456789012345678901234567890.12", true },
        { "decimal(38,18)", "-1234567890.123456789012345678", true },
        { "double precision", "1.5", true }, { "double precision", "-2.5e-3", true }, { "double precision", "1e400", false },
        { "double precision", "NaN", false }, { "double precision", "Infinity", false }, { "double precision", "1.5 ", false },
        { "real", "3.25", true }, { "real", "1e39", false }, { "real", "1e-50", false },
        { "date", "1998-12-01", true }, { "date", "2024-02-29", true }, { "date", "2023-02-29", false }, { "date", "1998-13-01", false },
        { "date", "19981201", false }, { "date", "1998/12/01", false }, { "date", "epoch", false },
        { "timestamp", "2024-03-31 02:30:15", true }, { "timestamp", "2024-03-31T02:30:15.123456", true }, { "timestamp", "2024-03-31 02:30:15.5", true },
        { "timestamp", "2024-03-31 24:00:00", false }, { "timestamp", "2024-03-31 02:30:15.1234567", false }, { "timestamp", "2024-03-31 02:30", false },
        { "timestamp", "2024-03-31 02:30:15+02", false }, { "timestamptz", "2024-03-31 02:30:15", true }, { "timestamptz", "2024-03-31 02:30:15Z", false },
        { "boolean", "t", true }, { "boolean", "TRUE", true }, { "boolean", "Yes", true }, { "boolean", "0", true }, { "boolean", "off", true },
        { "boolean", "fals", true }, { "boolean", "o", false }, { "boolean", "maybe", false }, { "boolean", "2", false },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void A_spelling_reads_as_the_cast_kernel_reads_it(string typeName, string text, bool fast)
    {
        var type = TypeOf(typeName);
        var column = Column(null, text, null);
        var parsed = TextColumnParser.TryConvert(column, type);
        Assert.Equal(fast, parsed is not null);
        IArrowArray? cast;
        try
        {
            cast = CastKernel.Cast(column, SqlType.String, type, SessionTimeZone.Utc);
        }
        catch (FederationException)
        {
            cast = null;
        }

        if (parsed is null)
        {
            return;
        }

        Assert.NotNull(cast);
        Assert.Equal(3, parsed.Length);
        Assert.True(parsed.IsNull(0));
        Assert.True(parsed.IsNull(2));
        Assert.Equal(ArrayFactory.GetScalar(cast, 1, type), ArrayFactory.GetScalar(parsed, 1, type));
    }

    [Fact]
    public void One_value_off_the_fast_path_leaves_the_whole_column_to_the_general_conversion()
    {
        Assert.NotNull(TextColumnParser.TryConvert(Column("1", "2", "3"), SqlType.Int32));
        Assert.Null(TextColumnParser.TryConvert(Column("1", " 2", "3"), SqlType.Int32));
    }

    private static SqlType TypeOf(string name) => name switch
    {
        "int" => SqlType.Int32,
        "smallint" => SqlType.Int16,
        "bigint" => SqlType.Int64,
        "real" => SqlType.Float32,
        "double precision" => SqlType.Float64,
        "date" => SqlType.Date,
        "timestamp" => SqlType.Timestamp,
        "timestamptz" => SqlType.TimestampTz,
        "boolean" => SqlType.Boolean,
        _ when name.StartsWith("decimal(", StringComparison.Ordinal) => SqlType.Decimal(
            int.Parse(name[8..name.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(name[(name.IndexOf(',', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException(name),
    };

    private static StringArray Column(params string?[] values)
    {
        var builder = VariableWidthBuilder.Utf8(values.Length);
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value);
            }
        }

        return (StringArray)builder.Build();
    }
}
