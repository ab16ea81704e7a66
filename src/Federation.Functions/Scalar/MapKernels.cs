using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>
/// Generic loops for strict functions. Each is instantiated over a struct operation, so the per-row call is a
/// direct (usually inlined) call: no delegate, no virtual dispatch, no boxing. NULL rows are skipped, never
/// computed, so an operation that throws (SQRT of a negative) cannot fail on the garbage under a NULL.
/// </summary>
internal static class MapKernels
{
    public static ColumnarValue MapUtf8<TOp>(ReadOnlySpan<ColumnarValue> args, in KernelContext context, TOp op)
        where TOp : struct, IUtf8Transform
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var input = new Utf8Arg(args[0]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, input.IsScalar ? input.DataLength : input.DataLength + 16);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            op.Apply(input[i], output);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    public static ColumnarValue MeasureUtf8<TOut, TOp>(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type, TOp op)
        where TOut : unmanaged
        where TOp : struct, IUtf8Measure<TOut>
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(type, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var input = new Utf8Arg(args[0]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<TOut>(rows);
        var values = ArrayFactory.ValuesOf<TOut>(buffer);
        if (validity is null)
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = op.Apply(input[i]);
            }
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = Bitmap.Get(validity, i) ? op.Apply(input[i]) : default;
            }
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(type, buffer, rows, validity), args, type);
    }

    public static ColumnarValue Map<TIn, TOut, TOp>(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type, TOp op)
        where TIn : unmanaged
        where TOut : unmanaged
        where TOp : struct, IUnaryOp<TIn, TOut>
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(type, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var input = new FixedArg<TIn>(args[0]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<TOut>(rows);
        var values = ArrayFactory.ValuesOf<TOut>(buffer);
        if (validity is null)
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = op.Apply(input[i]);
            }
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = Bitmap.Get(validity, i) ? op.Apply(input[i]) : default;
            }
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(type, buffer, rows, validity), args, type);
    }

    public static ColumnarValue Map2<TA, TB, TOut, TOp>(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type, TOp op)
        where TA : unmanaged
        where TB : unmanaged
        where TOut : unmanaged
        where TOp : struct, IBinaryOp<TA, TB, TOut>
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(type, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var left = new FixedArg<TA>(args[0]);
        var right = new FixedArg<TB>(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<TOut>(rows);
        var values = ArrayFactory.ValuesOf<TOut>(buffer);
        if (validity is null)
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = op.Apply(left[i], right[i]);
            }
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = Bitmap.Get(validity, i) ? op.Apply(left[i], right[i]) : default;
            }
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(type, buffer, rows, validity), args, type);
    }
}
