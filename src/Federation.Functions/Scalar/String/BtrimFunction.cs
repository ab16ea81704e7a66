using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>BTRIM/TRIM(text [, characters]) removes the characters (default: spaces) from both ends.</summary>
public sealed class BtrimFunction : ScalarFunction
{
    public override string Name => "btrim";

    public override IReadOnlyList<string> Aliases => ["trim"];

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => TrimKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        TrimKernel.Run(args, context, left: true, right: true);
}
