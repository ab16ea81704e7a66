using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

/// <summary>
/// COALESCE (and NVL). PostgreSQL evaluates an argument only when every argument before it was NULL, so each
/// argument here sees only the rows still NULL: COALESCE(a, 10 / b) must not divide on rows where a has a value,
/// and COALESCE(NULL, 2, 1 / 0) is 2. The same shape as <see cref="CasePhysicalExpr"/>.
/// </summary>
public sealed class CoalescePhysicalExpr(IReadOnlyList<PhysicalExpr> arguments, SqlType type) : PhysicalExpr
{
    public override SqlType Type { get; } = type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        var n = batch.Length;
        List<IArrowArray>? parts = null;
        int[]? assignment = null; // row → position in the concatenated parts; allocated when a second part appears
        var partOffset = 0;
        int[]? remaining = null; // the batch rows `current` holds; null: every row, in order
        var current = batch;
        for (var k = 0; k < arguments.Count && current.Length > 0; k++)
        {
            var last = k == arguments.Count - 1;
            var value = arguments[k].Evaluate(current, context);
            IArrowArray array;
            if (value.IsScalar)
            {
                if (value.Scalar!.IsNull && !last)
                {
                    continue;
                }

                if (remaining is null)
                {
                    return value.Scalar.IsNull ? ColumnarValue.FromScalar(ScalarValue.NullOf(Type)) : value;
                }

                array = value.Scalar.IsNull ? ArrayFactory.Nulls(Type, current.Length) : value.ToArray(current.Length);
            }
            else
            {
                array = value.Array!;
                if (array.Data.DataType.TypeId == ArrowTypeId.Null)
                {
                    if (!last)
                    {
                        continue;
                    }

                    array = ArrayFactory.Nulls(Type, current.Length);
                }

                var nulls = Validity.HasNulls(array) ? array.NullCount : 0;
                if (nulls == current.Length && !last)
                {
                    continue;
                }

                if (nulls > 0 && !last)
                {
                    // Rows with a value take this argument; the NULL rows go on to the next argument.
                    parts ??= [];
                    assignment ??= new int[n];
                    parts.Add(array);
                    var bits = Validity.Bits(array);
                    var rest = new int[nulls];
                    var r = 0;
                    for (var i = 0; i < current.Length; i++)
                    {
                        var row = remaining is null ? i : remaining[i];
                        if (Bitmap.Get(bits, i))
                        {
                            assignment[row] = partOffset + i;
                        }
                        else
                        {
                            rest[r++] = row;
                        }
                    }

                    partOffset += array.Length;
                    remaining = rest;
                    current = BatchOps.Take(batch, rest);
                    continue;
                }
            }

            // Every row left takes this argument (it has no NULLs, or it is the last one).
            if (remaining is null)
            {
                return ColumnarValue.FromArray(array);
            }

            parts!.Add(array);
            for (var i = 0; i < remaining.Length; i++)
            {
                assignment![remaining[i]] = partOffset + i;
            }

            remaining = [];
            break;
        }

        if (parts is null)
        {
            // Every argument was NULL on every row.
            return ColumnarValue.FromScalar(ScalarValue.NullOf(Type));
        }

        if (remaining is { Length: > 0 })
        {
            // Only reachable when the trailing arguments were all NULL: those rows stay NULL.
            parts.Add(ArrayFactory.Nulls(Type, remaining.Length));
            for (var i = 0; i < remaining.Length; i++)
            {
                assignment![remaining[i]] = partOffset + i;
            }
        }

        var all = parts.Count == 1 ? parts[0] : ArrayConcat.Concat(parts);
        return ColumnarValue.FromArray(ArrayTake.Take(all, assignment!));
    }

    public override string ToString() => $"coalesce({string.Join(", ", arguments)})";
}
