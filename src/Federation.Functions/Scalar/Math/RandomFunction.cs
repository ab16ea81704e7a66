using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>RANDOM(): a uniformly distributed double in [0, 1), a new one per row.</summary>
public sealed class RandomFunction : ScalarFunction
{
    public override string Name => "random";

    public override Volatility Volatility => Volatility.Volatile;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.Float64, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        var rows = context.RowCount;
        var buffer = ArrayFactory.AllocateValues<double>(rows);
        var values = ArrayFactory.ValuesOf<double>(buffer);
        var random = Random.Shared;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return ColumnarValue.FromArray(ArrayFactory.Fixed(SqlType.Float64, buffer, rows, null));
    }
}
