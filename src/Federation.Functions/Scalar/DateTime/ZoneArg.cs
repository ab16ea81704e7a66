using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// The zone argument of AT TIME ZONE, timezone(), date_trunc(.., zone) and CONVERT_TIMEZONE: a zone name (looked up
/// once when constant, otherwise per row with the previous row's zone reused while the text repeats), or an interval
/// (an offset east of UTC).
/// </summary>
internal ref struct ZoneArg
{
    private readonly Utf8Arg _text;
    private readonly FixedArg<Apache.Arrow.Scalars.MonthDayNanosecondInterval> _intervals;
    private readonly bool _isInterval;
    private byte[]? _lastText;
    private SessionTimeZone? _last;

    public ZoneArg(in ColumnarValue value, bool isInterval = false)
    {
        _isInterval = isInterval;
        _text = isInterval ? default : new Utf8Arg(value);
        _intervals = isInterval ? new FixedArg<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(value) : default;
        _lastText = null;
        _last = null;
        if (value.IsScalar && !value.Scalar!.IsNull)
        {
            _last = Get(0);
        }
    }

    public SessionTimeZone Get(int row)
    {
        if (_isInterval)
        {
            return _last ?? SessionTimeZone.FromInterval(IntervalCodec.FromArrow(_intervals[row]));
        }

        var text = _text[row];
        if (_last is not null && (_lastText is null || text.SequenceEqual(_lastText)))
        {
            return _last;
        }

        _last = SessionTimeZone.FindOrThrow(Encoding.UTF8.GetString(text));
        _lastText = text.ToArray();
        return _last;
    }
}
