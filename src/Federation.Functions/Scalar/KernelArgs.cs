using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>
/// Per-batch plumbing shared by the scalar kernels: how many rows to compute (one when every argument is a
/// scalar, so all-scalar calls fold to a scalar), the combined validity of strict arguments, and wrapping a
/// computed array back into a <see cref="ColumnarValue"/>.
/// </summary>
internal static class KernelArgs
{
    public static bool AllScalar(ReadOnlySpan<ColumnarValue> args)
    {
        foreach (var arg in args)
        {
            if (!arg.IsScalar)
            {
                return false;
            }
        }

        return true;
    }

    public static bool AnyNullScalar(ReadOnlySpan<ColumnarValue> args)
    {
        foreach (var arg in args)
        {
            if (arg.IsScalar && arg.Scalar!.IsNull)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rows the kernel computes: 1 when all arguments are scalars, the batch's row count otherwise.</summary>
    public static int Rows(ReadOnlySpan<ColumnarValue> args, in KernelContext context) => AllScalar(args) ? 1 : context.RowCount;

    /// <summary>AND of the validity of every array argument; null when no row is null.</summary>
    public static byte[]? Validity(ReadOnlySpan<ColumnarValue> args, int rows)
    {
        byte[]? result = null;
        foreach (var arg in args)
        {
            if (arg.IsScalar)
            {
                continue;
            }

            var bits = Federation.Common.Arrow.Validity.Bits(arg.Array!);
            if (bits.IsEmpty)
            {
                continue;
            }

            if (result is null)
            {
                result = new byte[Bitmap.BytesFor(rows)];
                bits[..result.Length].CopyTo(result);
            }
            else
            {
                Bitmap.And(result, bits, result);
            }
        }

        return result;
    }

    /// <summary>The result of a strict function when some scalar argument is NULL.</summary>
    public static ColumnarValue Null(SqlType type, ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        AllScalar(args)
            ? ColumnarValue.FromScalar(ScalarValue.NullOf(type))
            : ColumnarValue.FromArray(ArrayFactory.Nulls(type, context.RowCount));

    /// <summary>Wraps a computed array; when every argument was a scalar the one-row result becomes a scalar.</summary>
    public static ColumnarValue Wrap(IArrowArray result, ReadOnlySpan<ColumnarValue> args, SqlType type) =>
        AllScalar(args) ? ColumnarValue.FromScalar(ArrayFactory.GetScalar(result, 0, type)) : ColumnarValue.FromArray(result);
}
