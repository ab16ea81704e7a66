namespace Federation.Formats.Orc;

/// <summary>
/// ORC's byte run-length encoding: a control byte 0..127 is a run of (control + 3) copies of the next byte; -1..-128
/// is that many literal bytes. Keeps its place inside a run between calls.
/// </summary>
internal sealed class ByteRleDecoder(ReadOnlyMemory<byte> stream, string what)
{
    private int _position;
    private int _runLeft;
    private bool _literal;
    private byte _repeat;

    public void Read(Span<byte> destination)
    {
        var data = stream.Span;
        var written = 0;
        while (written < destination.Length)
        {
            if (_runLeft == 0)
            {
                if (_position >= data.Length)
                {
                    throw new OrcFormatException($"{what} ends after {written} of the {destination.Length} values asked for");
                }

                var control = (sbyte)data[_position++];
                if (control >= 0)
                {
                    _runLeft = control + 3;
                    _literal = false;
                    if (_position >= data.Length)
                    {
                        throw new OrcFormatException($"{what}: a run has no value byte");
                    }

                    _repeat = data[_position++];
                }
                else
                {
                    _runLeft = -control;
                    _literal = true;
                }
            }

            var take = Math.Min(_runLeft, destination.Length - written);
            if (_literal)
            {
                if (_position + take > data.Length)
                {
                    throw new OrcFormatException($"{what}: literal bytes run past the end of the stream");
                }

                data.Slice(_position, take).CopyTo(destination[written..]);
                _position += take;
            }
            else
            {
                destination.Slice(written, take).Fill(_repeat);
            }

            written += take;
            _runLeft -= take;
        }
    }
}
