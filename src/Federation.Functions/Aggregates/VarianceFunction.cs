using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// STDDEV / STDDEV_SAMP / STDDEV_POP / VARIANCE / VAR_SAMP / VAR_POP. Of integers and numerics: exact numerics, as in
/// PostgreSQL (<see cref="NumericVarianceAccumulator"/>). Of floats: double precision, by Welford's method; partial
/// states (count, mean, M2) merge with Chan's formula. Sample forms are NULL for fewer than two rows.
/// </summary>
public sealed class VarianceFunction : AggregateFunction
{
    private readonly string _name;
    private readonly bool _population;
    private readonly bool _root;

    private VarianceFunction(string name, bool population, bool root)
    {
        _name = name;
        _population = population;
        _root = root;
    }

    public static IReadOnlyList<VarianceFunction> All { get; } =
    [
        new("stddev", false, true),
        new("stddev_samp", false, true),
        new("stddev_pop", true, true),
        new("variance", false, false),
        new("var_samp", false, false),
        new("var_pop", true, false),
    ];

    public override string Name => _name;

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1 || !(argumentTypes[0].IsNumeric || argumentTypes[0].Kind == TypeKind.Null))
        {
            return null;
        }

        var t = argumentTypes[0];
        if ((t.IsInteger || t.Kind == TypeKind.Decimal) && t.ToDecimal().Scale * 2 <= SqlType.MaxDecimalPrecision)
        {
            var input = t.ToDecimal();
            var result = NumericResultType(input, _root);
            return new AggregateBinding(this, [input], result, NumericVarianceAccumulator.StateTypes(input),
                () => new NumericVarianceAccumulator(_name, input, result, _population, _root));
        }

        return new AggregateBinding(this, [SqlType.Float64], SqlType.Float64, [SqlType.Int64, SqlType.Float64, SqlType.Float64],
            () => new Accumulator(_population, _root));
    }

    /// <summary>
    /// numeric(38, S): PostgreSQL's scale is select_div_scale of its numerator and denominator, which depend on the
    /// values; here they count as values of weight 0 (S = 20, as PostgreSQL gives when the two are alike), and past 38
    /// digits S gives way to no fewer than 16, keeping room for the integer digits (twice the input's for a variance).
    /// </summary>
    public static SqlType NumericResultType(SqlType input, bool root)
    {
        var scale = NumericDivisionScale.Select(input.Scale * 2, null, 0, null);
        var integerDigits = (input.Precision - input.Scale) * (root ? 1 : 2);
        if (integerDigits + scale > SqlType.MaxDecimalPrecision)
        {
            scale = Math.Max(SqlType.MaxDecimalPrecision - integerDigits, Math.Min(scale, Math.Max(NumericDivisionScale.MinSignificantDigits, input.Scale)));
        }

        return SqlType.Decimal(SqlType.MaxDecimalPrecision, Math.Min(scale, SqlType.MaxDecimalPrecision));
    }

    private sealed class Accumulator(bool population, bool root) : GroupsAccumulator
    {
        private long[] _counts = [];
        private double[] _means = [];
        private double[] _m2 = [];

        private void Ensure(int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            GroupStorage.Ensure(ref _means, groupCount);
            GroupStorage.Ensure(ref _m2, groupCount);
        }

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            Ensure(groupCount);
            var values = ArrayFactory.FixedValues<double>(arguments[0]);
            var validity = Validity.Bits(arguments[0]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                {
                    continue;
                }

                var g = groupIds[i];
                var n = ++_counts[g];
                var delta = values[i] - _means[g];
                _means[g] += delta / n;
                _m2[g] += delta * (values[i] - _means[g]);
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            Ensure(groupCount);
            var counts = ArrayFactory.FixedValues<long>(states[0]);
            var means = ArrayFactory.FixedValues<double>(states[1]);
            var m2s = ArrayFactory.FixedValues<double>(states[2]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                var nb = counts[i];
                if (nb == 0)
                {
                    continue;
                }

                var g = groupIds[i];
                var na = _counts[g];
                var n = na + nb;
                var delta = means[i] - _means[g];
                _means[g] += delta * nb / n;
                _m2[g] += m2s[i] + (delta * delta * na * nb / n);
                _counts[g] = n;
            }
        }

        public override IArrowArray[] State(int groupCount)
        {
            Ensure(groupCount);
            var counts = ArrayFactory.AllocateValues<long>(groupCount);
            _counts.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(counts));
            var means = ArrayFactory.AllocateValues<double>(groupCount);
            _means.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<double>(means));
            var m2 = ArrayFactory.AllocateValues<double>(groupCount);
            _m2.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<double>(m2));
            return
            [
                ArrayFactory.Fixed(SqlType.Int64, counts, groupCount, null),
                ArrayFactory.Fixed(SqlType.Float64, means, groupCount, null),
                ArrayFactory.Fixed(SqlType.Float64, m2, groupCount, null),
            ];
        }

        public override IArrowArray Evaluate(int groupCount)
        {
            Ensure(groupCount);
            var buffer = ArrayFactory.AllocateValues<double>(groupCount);
            var output = ArrayFactory.ValuesOf<double>(buffer);
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                var n = _counts[g];
                var denominator = population ? n : n - 1;
                if (denominator <= 0)
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                    continue;
                }

                var variance = Math.Max(_m2[g] / denominator, 0);
                output[g] = root ? Math.Sqrt(variance) : variance;
            }

            return ArrayFactory.Fixed(SqlType.Float64, buffer, groupCount, validity);
        }

        public override long SizeInBytes => _counts.Length * 24L;
    }
}
