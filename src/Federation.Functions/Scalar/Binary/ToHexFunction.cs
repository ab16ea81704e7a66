using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>
/// TO_HEX(value): a binary value's bytes as hex digits (Redshift), or an integer in hexadecimal (PostgreSQL and
/// Redshift): a negative integer shows its two's complement in 32 bits, or 64 for bigint, as PostgreSQL prints it.
/// </summary>
public sealed class ToHexFunction : ScalarFunction
{
    public override string Name => "to_hex";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1)
        {
            return null;
        }

        var type = argumentTypes[0];
        return type.Kind switch
        {
            TypeKind.Binary => Binding([SqlType.Binary], SqlType.String, BytesKernel),
            TypeKind.Int16 or TypeKind.Int32 or TypeKind.Null => Binding([SqlType.Int32], SqlType.String, IntegerKernel<int>),
            TypeKind.Int64 => Binding([SqlType.Int64], SqlType.String, IntegerKernel<long>),
            _ => null,
        };
    }

    private static ColumnarValue BytesKernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        Binary.BytesKernel.Map(args, context, SqlType.String, default(HexOp));

    private static ColumnarValue IntegerKernel<T>(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var values = new FixedArg<T>(args[0]);
        var output = VariableWidthBuilder.Utf8(rows, rows * 8);
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < rows; i++)
        {
            if (!values.IsValid(i))
            {
                output.AppendNull();
                continue;
            }

            // "x" formats the bits of the type's width, so a negative value prints its two's complement.
            var target = output.Reserve(16);
            values[i].TryFormat(chars, out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
            for (var c = 0; c < written; c++)
            {
                target[c] = (byte)chars[c];
            }

            output.Commit(written);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    private readonly struct HexOp : IBytesTransform
    {
        public void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output) =>
            ByteEncodings.AppendHex(input, output);
    }
}
