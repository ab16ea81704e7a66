using System.Globalization;

namespace Federation.Common.Types;

/// <summary>
/// A SQL type: a kind plus its parameters. Decimal carries precision and scale (precision 1..38);
/// String carries an optional maximum length (VARCHAR(n), -1 when unbounded) and whether it was
/// declared CHAR(n), which only matters for display.
/// </summary>
public sealed record SqlType
{
    public const int MaxDecimalPrecision = 38;

    private SqlType(TypeKind kind, int precision = 0, int scale = 0, int length = -1, bool isChar = false)
    {
        Kind = kind;
        Precision = precision;
        Scale = scale;
        Length = length;
        IsChar = isChar;
    }

    public TypeKind Kind { get; }

    public int Precision { get; }

    public int Scale { get; }

    public int Length { get; }

    public bool IsChar { get; }

    public static readonly SqlType Null = new(TypeKind.Null);
    public static readonly SqlType Boolean = new(TypeKind.Boolean);
    public static readonly SqlType Int16 = new(TypeKind.Int16);
    public static readonly SqlType Int32 = new(TypeKind.Int32);
    public static readonly SqlType Int64 = new(TypeKind.Int64);
    public static readonly SqlType Float32 = new(TypeKind.Float32);
    public static readonly SqlType Float64 = new(TypeKind.Float64);
    public static readonly SqlType String = new(TypeKind.String);
    public static readonly SqlType Binary = new(TypeKind.Binary);
    public static readonly SqlType Date = new(TypeKind.Date);
    public static readonly SqlType Timestamp = new(TypeKind.Timestamp);
    public static readonly SqlType TimestampTz = new(TypeKind.TimestampTz);
    public static readonly SqlType Interval = new(TypeKind.Interval);

    public static SqlType Decimal(int precision, int scale)
    {
        if (precision < 1 || precision > MaxDecimalPrecision)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"NUMERIC precision {precision} must be between 1 and {MaxDecimalPrecision}");
        }

        if (scale < 0 || scale > precision)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"NUMERIC scale {scale} must be between 0 and precision {precision}");
        }

        return new SqlType(TypeKind.Decimal, precision, scale);
    }

    public static SqlType Varchar(int length) => length < 0 ? String : new SqlType(TypeKind.String, length: length);

    public static SqlType Char(int length) => new(TypeKind.String, length: length, isChar: true);

    public bool IsInteger => Kind is TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64;

    public bool IsFloat => Kind is TypeKind.Float32 or TypeKind.Float64;

    public bool IsNumeric => IsInteger || IsFloat || Kind == TypeKind.Decimal;

    public bool IsTemporal => Kind is TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz;

    public bool IsString => Kind == TypeKind.String;

    /// <summary>Same kind and decimal parameters; string lengths are ignored (all strings compute alike).</summary>
    public bool SameComputation(SqlType other) =>
        Kind == other.Kind && (Kind != TypeKind.Decimal || (Precision == other.Precision && Scale == other.Scale));

    /// <summary>The decimal type that holds every value of an integer type exactly.</summary>
    public SqlType ToDecimal() => Kind switch
    {
        TypeKind.Decimal => this,
        TypeKind.Int16 => Decimal(5, 0),
        TypeKind.Int32 => Decimal(10, 0),
        TypeKind.Int64 => Decimal(19, 0),
        _ => throw FederationException.Internal($"{this} has no exact decimal form"),
    };

    /// <summary>PostgreSQL's spelling, used in messages, EXPLAIN and metadata.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Null => "unknown",
        TypeKind.Boolean => "boolean",
        TypeKind.Int16 => "smallint",
        TypeKind.Int32 => "integer",
        TypeKind.Int64 => "bigint",
        TypeKind.Float32 => "real",
        TypeKind.Float64 => "double precision",
        TypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"numeric({Precision},{Scale})"),
        TypeKind.String when IsChar => string.Create(CultureInfo.InvariantCulture, $"character({Length})"),
        TypeKind.String when Length >= 0 => string.Create(CultureInfo.InvariantCulture, $"character varying({Length})"),
        TypeKind.String => "text",
        TypeKind.Binary => "varbyte",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "timestamp without time zone",
        TypeKind.TimestampTz => "timestamp with time zone",
        TypeKind.Interval => "interval",
        _ => Kind.ToString(),
    };
}
