using System.Globalization;
using System.Text;
using Federation.Common;

namespace Federation.Physical.Files;

/// <summary>
/// A table's handling of bad data, from Redshift Spectrum's table properties: column_count_mismatch_handling,
/// invalid_char_handling (with replacement_char), surplus_char_handling and numeric_overflow_handling, each DISABLED,
/// FAIL, SET_TO_NULL or DROP_ROW (plus REPLACE, and TRUNCATE, where they apply); data_cleansing_enabled = 'false' turns
/// them all off. Every value or row one of them changes is recorded in SVL_SPECTRUM_SCAN_ERROR. Formats read what
/// applies to them; validated when the table is created or altered, so a scan never meets a bad property.
/// </summary>
public sealed record BadDataHandling(
    BadDataAction ColumnCountMismatch,
    BadDataAction InvalidCharacters,
    Rune ReplacementCharacter,
    BadDataAction SurplusCharacters,
    BadDataAction NumericOverflow)
{
    public const string ColumnCountMismatchProperty = "column_count_mismatch_handling";
    public const string InvalidCharactersProperty = "invalid_char_handling";
    public const string ReplacementCharacterProperty = "replacement_char";
    public const string SurplusCharactersProperty = "surplus_char_handling";
    public const string NumericOverflowProperty = "numeric_overflow_handling";
    public const string EnabledProperty = "data_cleansing_enabled";

    public static readonly BadDataHandling None = new(BadDataAction.Disabled, BadDataAction.Disabled, new Rune('?'), BadDataAction.Disabled, BadDataAction.Disabled);

    /// <summary>Whether any handling is on.</summary>
    public bool Any =>
        ColumnCountMismatch != BadDataAction.Disabled || InvalidCharacters != BadDataAction.Disabled
        || SurplusCharacters != BadDataAction.Disabled || NumericOverflow != BadDataAction.Disabled;

    /// <summary>The handling the properties give; a property with a value it cannot take is an error naming both.</summary>
    public static BadDataHandling From(IReadOnlyDictionary<string, string> properties, string table)
    {
        if (Find(properties, EnabledProperty) is { } enabled)
        {
            if (!bool.TryParse(enabled, out var on))
            {
                throw Invalid(table, EnabledProperty, enabled, "true or false");
            }

            if (!on)
            {
                return None;
            }
        }

        var replacement = new Rune('?');
        if (Find(properties, ReplacementCharacterProperty) is { } text)
        {
            if (Rune.DecodeFromUtf16(text, out replacement, out var used) != System.Buffers.OperationStatus.Done || used != text.Length)
            {
                throw Invalid(table, ReplacementCharacterProperty, text, "one character");
            }
        }

        return new BadDataHandling(
            Action(properties, ColumnCountMismatchProperty, table, BadDataAction.Disabled, BadDataAction.Fail, BadDataAction.SetToNull, BadDataAction.DropRow),
            Action(properties, InvalidCharactersProperty, table, BadDataAction.Disabled, BadDataAction.Fail, BadDataAction.SetToNull, BadDataAction.DropRow, BadDataAction.Replace),
            replacement,
            Action(properties, SurplusCharactersProperty, table, BadDataAction.Disabled, BadDataAction.Fail, BadDataAction.SetToNull, BadDataAction.DropRow, BadDataAction.Truncate),
            Action(properties, NumericOverflowProperty, table, BadDataAction.Disabled, BadDataAction.Fail, BadDataAction.SetToNull, BadDataAction.DropRow));
    }

    /// <summary>The property's name as SQL spells an action (SET_TO_NULL).</summary>
    public static string Spell(BadDataAction action) => action switch
    {
        BadDataAction.Disabled => "DISABLED",
        BadDataAction.Fail => "FAIL",
        BadDataAction.SetToNull => "SET_TO_NULL",
        BadDataAction.DropRow => "DROP_ROW",
        BadDataAction.Replace => "REPLACE",
        _ => "TRUNCATE",
    };

    private static BadDataAction Action(IReadOnlyDictionary<string, string> properties, string key, string table, params BadDataAction[] allowed)
    {
        if (Find(properties, key) is not { } value)
        {
            return BadDataAction.Disabled;
        }

        foreach (var action in allowed)
        {
            if (string.Equals(Spell(action), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return action;
            }
        }

        var names = new string[allowed.Length];
        for (var i = 0; i < allowed.Length; i++)
        {
            names[i] = Spell(allowed[i]);
        }

        throw Invalid(table, key, value, string.Join(", ", names));
    }

    private static string? Find(IReadOnlyDictionary<string, string> properties, string key)
    {
        if (properties.TryGetValue(key, out var value))
        {
            return value;
        }

        foreach (var (name, text) in properties)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return text;
            }
        }

        return null;
    }

    private static FederationException Invalid(string table, string key, string value, string expected) =>
        new(ErrorCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"table property '{key}' of {table} is '{value}': it takes {expected}"));
}
