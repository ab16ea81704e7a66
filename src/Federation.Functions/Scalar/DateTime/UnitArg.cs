using System.Text;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// The unit argument of a date/time function: parsed once when it is a constant (the usual case), otherwise per
/// row with the previous row's parse reused while the text repeats.
/// </summary>
internal ref struct UnitArg
{
    private readonly Utf8Arg _text;
    private readonly SqlType _valueType;
    private readonly Func<DateUnit, bool> _supported;
    private readonly bool _unsupportedIsUnknown;
    private byte[]? _lastText;
    private DateUnit _last;

    /// <param name="unsupportedIsUnknown">Report a known unit the function cannot use as "not recognized" (DATE_TRUNC) rather than "not supported".</param>
    public UnitArg(in ColumnarValue value, SqlType valueType, Func<DateUnit, bool> supported, bool unsupportedIsUnknown = false)
    {
        _unsupportedIsUnknown = unsupportedIsUnknown;
        _text = new Utf8Arg(value);
        _valueType = valueType;
        _supported = supported;
        _lastText = null;
        _last = default;
        if (value.IsScalar && !value.Scalar!.IsNull)
        {
            Get(0);
        }
    }

    public DateUnit Get(int row)
    {
        var text = _text[row];
        if (_lastText is not null && text.SequenceEqual(_lastText))
        {
            return _last;
        }

        var word = Encoding.UTF8.GetString(text);
        var unit = DateUnits.Parse(word, _valueType);
        if (!_supported(unit))
        {
            throw _unsupportedIsUnknown ? DateUnits.NotRecognized(word, _valueType) : DateUnits.NotSupported(word, _valueType);
        }

        _last = unit;
        _lastText = text.ToArray();
        return unit;
    }
}
