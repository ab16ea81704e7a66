using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// LENGTH/CHAR_LENGTH/CHARACTER_LENGTH/LEN(text): the number of characters (code points), as integer; LENGTH and LEN of
/// a varbyte count its bytes, as PostgreSQL's length(bytea) and Redshift's LEN do.
/// </summary>
public sealed class LengthFunction : ScalarFunction
{
    public override string Name => "length";

    public override IReadOnlyList<string> Aliases => ["char_length", "character_length", "len"];

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => argumentTypes.Count != 1 ? null
        : argumentTypes[0].Kind == TypeKind.Binary ? Binding([SqlType.Binary], SqlType.Int32, ByteCountKernel)
        : Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.Int32, Kernel)
        : null;

    private static ColumnarValue ByteCountKernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MeasureUtf8<int, ByteCountOp>(args, context, SqlType.Int32, default);

    private readonly struct ByteCountOp : IUtf8Measure<int>
    {
        public int Apply(ReadOnlySpan<byte> input) => input.Length;
    }

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MeasureUtf8<int, CharCountOp>(args, context, SqlType.Int32, default);

    private readonly struct CharCountOp : IUtf8Measure<int>
    {
        public int Apply(ReadOnlySpan<byte> input) => Utf8Text.CharCount(input);
    }
}
