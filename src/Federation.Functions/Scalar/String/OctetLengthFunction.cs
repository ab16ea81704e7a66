using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>OCTET_LENGTH(text or varbyte): the number of bytes (of the UTF-8 encoding, for text), as integer.</summary>
public sealed class OctetLengthFunction : ScalarFunction
{
    public override string Name => "octet_length";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => argumentTypes.Count != 1 ? null
        : argumentTypes[0].Kind == TypeKind.Binary ? Binding([SqlType.Binary], SqlType.Int32, Kernel)
        : Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.Int32, Kernel)
        : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MeasureUtf8<int, ByteCountOp>(args, context, SqlType.Int32, default);

    private readonly struct ByteCountOp : IUtf8Measure<int>
    {
        public int Apply(ReadOnlySpan<byte> input) => input.Length;
    }
}
