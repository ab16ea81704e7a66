using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// CONCAT(value, ...): the text of every non-NULL argument, joined; NULLs are skipped and the result is never
/// NULL. Arguments of any type are cast to text by the binder, except booleans, which PostgreSQL's concat prints
/// with the boolean output function ('t'/'f', not the cast's 'true'/'false').
/// Built column at a time: one pass sums the lengths, one pass copies.
/// </summary>
public sealed class ConcatFunction : ScalarFunction
{
    public override string Name => "concat";

    public override bool IsStrict => false;

    public override string SignatureHint => "concat(\"any\", ...)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count == 0)
        {
            return null;
        }

        var parameters = new SqlType[argumentTypes.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = argumentTypes[i].Kind == TypeKind.Boolean ? SqlType.Boolean : SqlType.String;
        }

        return Binding(parameters, SqlType.String, Kernel);
    }

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        var rows = KernelArgs.Rows(args, context);
        var offsetsBuffer = ArrayFactory.AllocateValues<int>(rows + 1);
        var offsets = ArrayFactory.ValuesOf<int>(offsetsBuffer);
        var lengths = new long[rows];
        foreach (ref readonly var arg in args)
        {
            if (IsBoolean(arg))
            {
                var flags = new BoolArg(arg);
                for (var i = 0; i < rows; i++)
                {
                    lengths[i] += flags.IsValid(i) ? 1 : 0;
                }
            }
            else
            {
                var text = new Utf8Arg(arg);
                if (text.IsNullScalar)
                {
                    continue;
                }

                for (var i = 0; i < rows; i++)
                {
                    if (text.IsValid(i))
                    {
                        lengths[i] += text[i].Length;
                    }
                }
            }
        }

        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            offsets[i] = (int)total;
            total += lengths[i];
            if (total > int.MaxValue)
            {
                ScalarErrors.BatchTooLarge();
            }
        }

        offsets[rows] = (int)total;
        var data = GC.AllocateUninitializedArray<byte>((int)total);
        var cursor = offsets[..rows].ToArray();
        foreach (ref readonly var arg in args)
        {
            if (IsBoolean(arg))
            {
                var flags = new BoolArg(arg);
                for (var i = 0; i < rows; i++)
                {
                    if (flags.IsValid(i))
                    {
                        data[cursor[i]++] = flags[i] ? (byte)'t' : (byte)'f';
                    }
                }
            }
            else
            {
                var text = new Utf8Arg(arg);
                if (text.IsNullScalar)
                {
                    continue;
                }

                for (var i = 0; i < rows; i++)
                {
                    if (text.IsValid(i))
                    {
                        var value = text[i];
                        value.CopyTo(data.AsSpan(cursor[i]));
                        cursor[i] += value.Length;
                    }
                }
            }
        }

        return KernelArgs.Wrap(ArrayFactory.Variable(SqlType.String, offsetsBuffer, data, rows, null), args, SqlType.String);
    }

    private static bool IsBoolean(in ColumnarValue value) =>
        value.IsScalar ? value.Scalar!.Type.Kind == TypeKind.Boolean : value.Array is Apache.Arrow.BooleanArray;
}
