using System.Security.Cryptography;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>MD5(text): the MD5 digest of the UTF-8 bytes as 32 lower-case hex digits.</summary>
public sealed class Md5Function : ScalarFunction
{
    public override string Name => "md5";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(Md5Op));

    private readonly struct Md5Op : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output)
        {
            Span<byte> hash = stackalloc byte[16];
            MD5.HashData(input, hash);
            var target = output.Reserve(32);
            for (var i = 0; i < hash.Length; i++)
            {
                target[2 * i] = Hex(hash[i] >> 4);
                target[(2 * i) + 1] = Hex(hash[i] & 0xF);
            }

            output.Commit(32);
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
