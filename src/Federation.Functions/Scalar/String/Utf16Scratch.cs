using System.Text;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Reusable UTF-16 buffers for the regular-expression kernels (.NET regexes run over chars): one to decode the
/// input row into, one to assemble the result in before it is encoded back to UTF-8.
/// </summary>
internal sealed class Utf16Scratch
{
    private char[] _input = new char[256];
    private char[] _result = new char[256];
    private int _resultLength;

    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > _input.Length)
        {
            _input = new char[System.Math.Max(needed, _input.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(utf8, _input);
        return _input.AsSpan(0, count);
    }

    public void ClearResult() => _resultLength = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        if (_resultLength + text.Length > _result.Length)
        {
            Array.Resize(ref _result, System.Math.Max(_resultLength + text.Length, _result.Length * 2));
        }

        text.CopyTo(_result.AsSpan(_resultLength));
        _resultLength += text.Length;
    }

    public void Append(char c)
    {
        if (_resultLength == _result.Length)
        {
            Array.Resize(ref _result, _result.Length * 2);
        }

        _result[_resultLength++] = c;
    }

    public void Append(string text) => Append(text.AsSpan());

    public int ResultLength => _resultLength;

    public ReadOnlySpan<char> Result => _result.AsSpan(0, _resultLength);

    /// <summary>Shortens the result to <paramref name="length"/> characters.</summary>
    public void Truncate(int length) => _resultLength = System.Math.Min(length, _resultLength);

    public void WriteResult(VariableWidthBuilder output)
    {
        var result = _result.AsSpan(0, _resultLength);
        var target = output.Reserve(Encoding.UTF8.GetMaxByteCount(result.Length));
        output.Commit(Encoding.UTF8.GetBytes(result, target));
    }

    /// <summary>UTF-16 index of the 0-based code point <paramref name="codePoints"/>, clamped to the text.</summary>
    public static int IndexOfCodePoint(ReadOnlySpan<char> text, long codePoints)
    {
        var index = 0;
        for (long seen = 0; seen < codePoints && index < text.Length; seen++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        }

        return index;
    }
}
