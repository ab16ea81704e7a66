using System.Globalization;
using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>CHR(n): the character with code point n. 0, negatives, surrogates and values above U+10FFFF are errors.</summary>
public sealed class ChrFunction : ScalarFunction
{
    public override string Name => "chr";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsInteger(argumentTypes[0]) ? Binding([SqlType.Int64], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var codes = new FixedArg<long>(args[0]);
        var output = VariableWidthBuilder.Utf8(rows, rows);
        for (var i = 0; i < rows; i++)
        {
            if (!codes.IsValid(i))
            {
                output.AppendNull();
                continue;
            }

            var code = codes[i];
            if (code < 0)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "character number must be positive");
            }

            if (code == 0)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "null character not permitted");
            }

            if (code > 0x10FFFF)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument,
                    "requested character too large for encoding: " + code.ToString(CultureInfo.InvariantCulture));
            }

            if (!Rune.IsValid((int)code))
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument,
                    "requested character not valid for encoding: " + code.ToString(CultureInfo.InvariantCulture));
            }

            var span = output.Reserve(4);
            output.Commit(new Rune((int)code).EncodeToUtf8(span));
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
