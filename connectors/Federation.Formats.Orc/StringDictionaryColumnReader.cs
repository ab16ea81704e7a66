using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>
/// A string, varchar or char column in DICTIONARY(_V2) encoding: DICTIONARY_DATA holds the stripe's distinct values
/// back to back, LENGTH their byte lengths (dictionarySize of them), DATA each non-null row's index into them. The
/// dictionary is checked once, when the stripe opens: negative or overlong lengths and out-of-range indices are
/// corrupt files.
/// </summary>
internal sealed class StringDictionaryColumnReader : OrcColumnReader
{
    private readonly ReadOnlyMemory<byte> _dictionary;
    private readonly int[] _starts;
    private readonly IIntegerDecoder _indices;
    private readonly SqlType _target;
    private long[] _scratch = [];

    public StringDictionaryColumnReader(BooleanRleDecoder? present, ReadOnlyMemory<byte> dictionary, IIntegerDecoder lengths, int dictionarySize,
        IIntegerDecoder indices, SqlType target, string column)
        : base(present, column)
    {
        _dictionary = dictionary;
        _indices = indices;
        _target = target;
        var entryLengths = new long[dictionarySize];
        lengths.Read(entryLengths);
        _starts = new int[dictionarySize + 1];
        long end = 0;
        for (var i = 0; i < dictionarySize; i++)
        {
            if (entryLengths[i] < 0)
            {
                throw new OrcFormatException($"column \"{column}\": dictionary entry {i} has the negative length {entryLengths[i]}");
            }

            end += entryLengths[i];
            if (end > dictionary.Length)
            {
                throw new OrcFormatException($"column \"{column}\": the dictionary's entry lengths run past its DICTIONARY_DATA stream ({dictionary.Length} bytes)");
            }

            _starts[i + 1] = (int)end;
        }
    }

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        if (_scratch.Length < nonNull)
        {
            _scratch = new long[nonNull];
        }

        var indices = _scratch.AsSpan(0, nonNull);
        _indices.Read(indices);
        long total = 0;
        var size = _starts.Length - 1;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if ((ulong)index >= (ulong)size)
            {
                throw new OrcFormatException($"column \"{Column}\": a row refers to dictionary entry {index}, but the dictionary has {size}");
            }

            total += _starts[index + 1] - _starts[index];
        }

        var offsetsBuffer = ArrayFactory.AllocateValues<int>(rows + 1);
        var offsets = ArrayFactory.ValuesOf<int>(offsetsBuffer);
        var bytes = ArrayFactory.AllocateVariableData(total);
        var dictionary = _dictionary.Span;
        var end = 0;
        var source = 0;
        offsets[0] = 0;
        for (var row = 0; row < rows; row++)
        {
            if (validity is null || Bitmap.Get(validity, row))
            {
                var index = (int)indices[source++];
                var start = _starts[index];
                var length = _starts[index + 1] - start;
                dictionary.Slice(start, length).CopyTo(bytes.AsSpan(end));
                end += length;
            }

            offsets[row + 1] = end;
        }

        return ArrayFactory.Variable(_target, offsetsBuffer, bytes, rows, validity);
    }
}
