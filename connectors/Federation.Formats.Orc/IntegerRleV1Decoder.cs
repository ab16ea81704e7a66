namespace Federation.Formats.Orc;

/// <summary>
/// Integer RLE version 1 (DIRECT and DICTIONARY encodings): a control byte 0..127 is a run of (control + 3) values
/// starting at a varint base and stepping by a signed delta byte; -1..-128 is that many literal varints. Signed
/// streams zigzag their varints.
/// </summary>
internal sealed class IntegerRleV1Decoder(ReadOnlyMemory<byte> stream, bool signed, string what) : IIntegerDecoder
{
    private int _position;
    private int _runLeft;
    private bool _literal;
    private long _value;
    private long _delta;

    public void Read(Span<long> destination)
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
                        throw new OrcFormatException($"{what}: a run has no delta byte");
                    }

                    _delta = (sbyte)data[_position++];
                    _value = signed ? OrcVarint.ReadSigned(data, ref _position) : (long)OrcVarint.ReadUnsigned(data, ref _position);
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
                for (var i = 0; i < take; i++)
                {
                    destination[written + i] = signed ? OrcVarint.ReadSigned(data, ref _position) : (long)OrcVarint.ReadUnsigned(data, ref _position);
                }
            }
            else
            {
                var value = _value;
                for (var i = 0; i < take; i++)
                {
                    destination[written + i] = value;
                    value += _delta;
                }

                _value = value;
            }

            written += take;
            _runLeft -= take;
        }
    }
}
