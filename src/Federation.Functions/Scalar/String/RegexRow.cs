using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// The regular expression for each row of a regexp call. A constant pattern and flags are compiled once (and
/// cached across batches in the binding's <see cref="RegexCache"/>); varying ones are recompiled only when the
/// row's pattern or flags differ from the previous row's.
/// </summary>
internal ref struct RegexRow
{
    private readonly Utf8Arg _pattern;
    private readonly Utf8Arg _flags;
    private readonly bool _hasFlags;
    private readonly string _function;
    private readonly bool _allowGlobal;
    private readonly Regex? _constant;
    private readonly RegexFlags _constantFlags;
    private byte[]? _lastPattern;
    private byte[]? _lastFlagBytes;
    private Regex? _lastRegex;
    private RegexFlags _lastFlags;

    public RegexRow(in ColumnarValue pattern, in ColumnarValue flags, bool hasFlags, RegexCache cache, string function, bool allowGlobal)
    {
        _pattern = new Utf8Arg(pattern);
        _hasFlags = hasFlags;
        _flags = hasFlags ? new Utf8Arg(flags) : default;
        _function = function;
        _allowGlobal = allowGlobal;
        _constant = null;
        _constantFlags = default;
        _lastPattern = null;
        _lastFlagBytes = null;
        _lastRegex = null;
        _lastFlags = default;
        if (pattern.IsScalar && (!hasFlags || flags.IsScalar) && !_pattern.IsNullScalar && !(hasFlags && _flags.IsNullScalar))
        {
            var flagText = hasFlags ? (string)flags.Scalar!.Value! : string.Empty;
            _constantFlags = PgRegex.ParseFlags(flagText, function, allowGlobal);
            _constant = cache.Get((string)pattern.Scalar!.Value!, flagText, _constantFlags, compiled: true);
        }
    }

    public Regex Get(int row, out RegexFlags flags)
    {
        if (_constant is not null)
        {
            flags = _constantFlags;
            return _constant;
        }

        var pattern = _pattern[row];
        var flagBytes = _hasFlags ? _flags[row] : default;
        if (_lastRegex is null || !pattern.SequenceEqual(_lastPattern) || !flagBytes.SequenceEqual(_lastFlagBytes))
        {
            _lastFlags = PgRegex.ParseFlags(Encoding.UTF8.GetString(flagBytes), _function, _allowGlobal);
            _lastRegex = PgRegex.Compile(Encoding.UTF8.GetString(pattern), _lastFlags, compiled: false);
            _lastPattern = pattern.ToArray();
            _lastFlagBytes = flagBytes.ToArray();
        }

        flags = _lastFlags;
        return _lastRegex;
    }
}
