using System.Buffers.Binary;
using Federation.Common;
using Federation.Common.Types;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>SQL types and values to and from their protobuf form (Fragment.proto's SqlType and Scalar).</summary>
internal static class ValueCodec
{
    public static Proto.SqlType Encode(SqlType type) => new()
    {
        Kind = type.Kind switch
        {
            TypeKind.Null => Proto.TypeKind.Null,
            TypeKind.Boolean => Proto.TypeKind.Boolean,
            TypeKind.Int16 => Proto.TypeKind.Int16,
            TypeKind.Int32 => Proto.TypeKind.Int32,
            TypeKind.Int64 => Proto.TypeKind.Int64,
            TypeKind.Float32 => Proto.TypeKind.Float32,
            TypeKind.Float64 => Proto.TypeKind.Float64,
            TypeKind.Decimal => Proto.TypeKind.Decimal,
            TypeKind.String => Proto.TypeKind.String,
            TypeKind.Binary => Proto.TypeKind.Binary,
            TypeKind.Date => Proto.TypeKind.Date,
            TypeKind.Timestamp => Proto.TypeKind.Timestamp,
            TypeKind.TimestampTz => Proto.TypeKind.TimestampTz,
            TypeKind.Interval => Proto.TypeKind.Interval,
            _ => throw FederationException.Internal($"type {type} has no wire form"),
        },
        Precision = (uint)type.Precision,
        Scale = (uint)type.Scale,
        Length = type.Length,
        IsChar = type.IsChar,
    };

    public static SqlType Decode(Proto.SqlType? type)
    {
        if (type is null)
        {
            throw FragmentCodec.Malformed("a type is missing");
        }

        return type.Kind switch
        {
            Proto.TypeKind.Null => SqlType.Null,
            Proto.TypeKind.Boolean => SqlType.Boolean,
            Proto.TypeKind.Int16 => SqlType.Int16,
            Proto.TypeKind.Int32 => SqlType.Int32,
            Proto.TypeKind.Int64 => SqlType.Int64,
            Proto.TypeKind.Float32 => SqlType.Float32,
            Proto.TypeKind.Float64 => SqlType.Float64,
            Proto.TypeKind.Decimal => SqlType.Decimal((int)type.Precision, (int)type.Scale),
            Proto.TypeKind.String => type.IsChar ? SqlType.Char(type.Length) : SqlType.Varchar(type.Length),
            Proto.TypeKind.Binary => SqlType.Binary,
            Proto.TypeKind.Date => SqlType.Date,
            Proto.TypeKind.Timestamp => SqlType.Timestamp,
            Proto.TypeKind.TimestampTz => SqlType.TimestampTz,
            Proto.TypeKind.Interval => SqlType.Interval,
            _ => throw FragmentCodec.Malformed($"unknown type kind {type.Kind}"),
        };
    }

    public static Proto.Scalar Encode(ScalarValue value)
    {
        var scalar = new Proto.Scalar { Type = Encode(value.Type) };
        switch (value.Value)
        {
            case null:
                break;
            case bool b:
                scalar.Boolean = b;
                break;
            case short s:
                scalar.Int32 = s;
                break;
            case int i:
                scalar.Int32 = i;
                break;
            case long l:
                scalar.Int64 = l;
                break;
            case float f:
                scalar.Float32 = f;
                break;
            case double d:
                scalar.Float64 = d;
                break;
            case Int128 unscaled:
                var bytes = new byte[16];
                BinaryPrimitives.WriteInt128LittleEndian(bytes, unscaled);
                scalar.Decimal = ByteString.CopyFrom(bytes);
                break;
            case string text:
                scalar.String = text;
                break;
            case byte[] binary:
                scalar.Binary = ByteString.CopyFrom(binary);
                break;
            case Interval interval:
                scalar.Interval = new Proto.Interval { Months = interval.Months, Days = interval.Days, Micros = interval.Micros };
                break;
            default:
                throw FederationException.Internal($"a {value.Type} value held as {value.Value.GetType().Name} has no wire form");
        }

        return scalar;
    }

    public static ScalarValue Decode(Proto.Scalar? scalar)
    {
        if (scalar is null)
        {
            throw FragmentCodec.Malformed("a value is missing");
        }

        var type = Decode(scalar.Type);
        if (scalar.ValueCase == Proto.Scalar.ValueOneofCase.None)
        {
            return ScalarValue.NullOf(type);
        }

        object? value = (type.Kind, scalar.ValueCase) switch
        {
            (TypeKind.Boolean, Proto.Scalar.ValueOneofCase.Boolean) => scalar.Boolean,
            (TypeKind.Int16, Proto.Scalar.ValueOneofCase.Int32) when scalar.Int32 is >= short.MinValue and <= short.MaxValue => (short)scalar.Int32,
            (TypeKind.Int32 or TypeKind.Date, Proto.Scalar.ValueOneofCase.Int32) => scalar.Int32,
            (TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz, Proto.Scalar.ValueOneofCase.Int64) => scalar.Int64,
            (TypeKind.Float32, Proto.Scalar.ValueOneofCase.Float32) => scalar.Float32,
            (TypeKind.Float64, Proto.Scalar.ValueOneofCase.Float64) => scalar.Float64,
            (TypeKind.Decimal, Proto.Scalar.ValueOneofCase.Decimal) when scalar.Decimal.Length == 16 =>
                BinaryPrimitives.ReadInt128LittleEndian(scalar.Decimal.Span),
            (TypeKind.String, Proto.Scalar.ValueOneofCase.String) => scalar.String,
            (TypeKind.Binary, Proto.Scalar.ValueOneofCase.Binary) => scalar.Binary.ToByteArray(),
            (TypeKind.Interval, Proto.Scalar.ValueOneofCase.Interval) =>
                new Interval(scalar.Interval.Months, scalar.Interval.Days, scalar.Interval.Micros),
            _ => null,
        };
        return value is null
            ? throw FragmentCodec.Malformed($"a {type} value arrived as {scalar.ValueCase}")
            : new ScalarValue(type, value);
    }
}
