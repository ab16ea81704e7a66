using Federation.Common.Types;

namespace Federation.Functions.Scalar.Conditional;

/// <summary>
/// DECODE(expression, search1, result1 [, search2, result2 ...] [, default]) (Redshift): the result of the first
/// search equal to the expression (two NULLs count as equal), else the default, else NULL. Expression and
/// searches are compared in their common type; the results share theirs. With two arguments it is PostgreSQL's
/// DECODE(text, format), the binary value a hex, base64 or escape text spells (one function has one name here).
/// </summary>
public sealed class DecodeFunction : ScalarFunction
{
    public override string Name => "decode";

    private static readonly Binary.DecodeFunction TextToBinary = new();

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        var count = argumentTypes.Count;
        if (count == 2)
        {
            return TextToBinary.Bind(argumentTypes);
        }

        if (count < 3)
        {
            return null;
        }

        var hasDefault = count % 2 == 0;
        var pairs = (count - 1) / 2;
        var searchTypes = new List<SqlType> { argumentTypes[0] };
        var resultTypes = new List<SqlType>();
        for (var j = 0; j < pairs; j++)
        {
            searchTypes.Add(argumentTypes[1 + (2 * j)]);
            resultTypes.Add(argumentTypes[2 + (2 * j)]);
        }

        if (hasDefault)
        {
            resultTypes.Add(argumentTypes[count - 1]);
        }

        var searchType = Signatures.CommonType(searchTypes);
        var resultType = Signatures.CommonType(resultTypes);
        if (searchType is null || resultType is null)
        {
            return null;
        }

        var parameters = new SqlType[count];
        parameters[0] = searchType;
        for (var j = 0; j < pairs; j++)
        {
            parameters[1 + (2 * j)] = searchType;
            parameters[2 + (2 * j)] = resultType;
        }

        if (hasDefault)
        {
            parameters[count - 1] = resultType;
        }

        return Binding(parameters, resultType,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, searchType, resultType, pairs, hasDefault));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType searchType, SqlType resultType, int pairs, bool hasDefault)
    {
        var rows = KernelArgs.Rows(args, context);
        var results = new ColumnarValue[pairs + (hasDefault ? 1 : 0)];
        var choice = new int[rows];
        choice.AsSpan().Fill(-1);
        var equal = new bool[rows];
        for (var j = 0; j < pairs; j++)
        {
            results[j] = args[2 + (2 * j)];
            RowSelection.Equal(searchType, args[0], args[1 + (2 * j)], rows, equal, nullsMatch: true);
            for (var i = 0; i < rows; i++)
            {
                if (choice[i] < 0 && equal[i])
                {
                    choice[i] = j;
                }
            }
        }

        if (hasDefault)
        {
            results[pairs] = args[^1];
            for (var i = 0; i < rows; i++)
            {
                if (choice[i] < 0)
                {
                    choice[i] = pairs;
                }
            }
        }

        return KernelArgs.Wrap(RowSelection.Gather(resultType, results, choice, rows), args, resultType);
    }
}
