using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>Throw sites kept out of the hot loops so those stay small enough to inline (npgsql's ThrowHelper).</summary>
internal static class ScalarErrors
{
    [DoesNotReturn]
    public static void Throw(ErrorCode code, string message) => throw new FederationException(code, message);

    [DoesNotReturn]
    public static void DivisionByZero() => throw new FederationException(ErrorCode.DivisionByZero, "division by zero");

    [DoesNotReturn]
    public static void OutOfRange(SqlType type) =>
        throw new FederationException(ErrorCode.NumericOverflow, RangeName(type) + " out of range");

    [DoesNotReturn]
    public static void FloatOverflow() => throw new FederationException(ErrorCode.NumericOverflow, "value out of range: overflow");

    [DoesNotReturn]
    public static void FloatUnderflow() => throw new FederationException(ErrorCode.NumericOverflow, "value out of range: underflow");

    [DoesNotReturn]
    public static void TimestampOutOfRange() => throw new FederationException(ErrorCode.InvalidDatetime, "timestamp out of range");

    [DoesNotReturn]
    public static void RequestedLengthTooLarge() => throw new FederationException(ErrorCode.InvalidArgument, "requested length too large");

    [DoesNotReturn]
    public static void BatchTooLarge() =>
        throw new FederationException(ErrorCode.MemoryLimitExceeded, "a string column of one batch exceeds 2 GiB");

    public static string RangeName(SqlType type) => type.Kind switch
    {
        TypeKind.Int16 => "smallint",
        TypeKind.Int32 => "integer",
        TypeKind.Int64 => "bigint",
        _ => type.ToString(),
    };

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
