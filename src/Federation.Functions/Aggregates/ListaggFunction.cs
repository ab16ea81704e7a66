using System.Text;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// LISTAGG(x [, delimiter]) and STRING_AGG(x, delimiter): joins non-NULL values in arrival order (the planner
/// sorts the input for WITHIN GROUP (ORDER BY ...)). Single phase only: the order does not survive merging.
/// </summary>
public sealed class ListaggFunction : AggregateFunction
{
    public override string Name => "listagg";

    public override IReadOnlyList<string> Aliases => ["string_agg"];

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count is < 1 or > 2)
        {
            return null;
        }

        var parameters = argumentTypes.Count == 1 ? new[] { SqlType.String } : [SqlType.String, SqlType.String];
        return new AggregateBinding(this, parameters, SqlType.String, null, () => new Accumulator());
    }

    private sealed class Accumulator : GroupsAccumulator
    {
        private StringBuilder?[] _builders = [];
        private long _bytes;

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _builders, groupCount);
            var values = (StringArray)arguments[0];
            var delimiters = arguments.Length > 1 ? (StringArray)arguments[1] : null;
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (values.IsNull(i))
                {
                    continue;
                }

                var g = groupIds[i];
                var builder = _builders[g];
                var value = values.GetString(i);
                if (builder is null)
                {
                    _builders[g] = new StringBuilder(value);
                }
                else
                {
                    var delimiter = delimiters is null || delimiters.IsNull(i) ? string.Empty : delimiters.GetString(i);
                    builder.Append(delimiter).Append(value);
                    _bytes += delimiter.Length;
                }

                _bytes += value.Length * 2;
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) =>
            throw new InvalidOperationException("listagg has no partial state");

        public override IArrowArray[] State(int groupCount) => throw new InvalidOperationException("listagg has no partial state");

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _builders, groupCount);
            var builder = VariableWidthBuilder.Utf8(groupCount);
            for (var g = 0; g < groupCount; g++)
            {
                if (_builders[g] is { } sb)
                {
                    builder.Append(sb.ToString());
                }
                else
                {
                    builder.AppendNull();
                }
            }

            return builder.Build();
        }

        public override long SizeInBytes => (_builders.Length * 8L) + _bytes;
    }
}
