namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// The controller state of one MIDI channel: program and bank, volume (CC7), expression (CC11),
/// pan (CC10), modulation wheel (CC1), sustain pedal (CC64), effect sends (CC91, CC93), pitch
/// bend and the registered parameters 0 (bend range, CC6 semitones + CC38 cents), 1 (fine tuning,
/// CC6 only) and 2 (coarse tuning). Aftertouch and NRPNs are ignored.
/// </summary>
internal sealed class Channel(int index)
{
    private const int NullParameter = 0x3FFF;
    private int _rpn = NullParameter;

    public int Index { get; } = index;

    /// <summary>Channel 10 (index 9) is General MIDI percussion: bank 128.</summary>
    public bool IsPercussion => Index == 9;

    public int BankMsb { get; private set; }

    public int Program { get; set; }

    public int Bank => IsPercussion ? 128 : BankMsb;

    public int Volume { get; private set; }

    public int Expression { get; private set; }

    public int Pan { get; private set; }

    public int Modulation { get; private set; }

    public bool Sustain { get; private set; }

    public int ReverbSend { get; private set; }

    public int ChorusSend { get; private set; }

    /// <summary>Pitch wheel, -8192..8191.</summary>
    public int PitchBend { get; set; }

    /// <summary>Pitch bend range in semitones (RPN 0), default 2.</summary>
    public double BendRange { get; private set; }

    /// <summary>Channel tuning in cents from RPN 1 (fine) and RPN 2 (coarse).</summary>
    public double TuningCents { get; private set; }

    /// <summary>Pitch offset of bend and tuning, in cents.</summary>
    public double PitchCents => PitchBend / 8192.0 * BendRange * 100 + TuningCents;

    /// <summary>Restores power-on state, program and bank included.</summary>
    public void Reset()
    {
        BankMsb = 0;
        Program = 0;
        ResetControllers();
        Volume = 100;
        Pan = 64;
        ReverbSend = 40;
        ChorusSend = 0;
        BendRange = 2;
        TuningCents = 0;
    }

    /// <summary>CC121, Reset All Controllers (RP-015): volume, pan and effect sends are kept.</summary>
    public void ResetControllers()
    {
        Expression = 127;
        Modulation = 0;
        Sustain = false;
        PitchBend = 0;
        _rpn = NullParameter;
    }

    /// <summary>Applies a control change to the channel state (notes are the synthesizer's business).</summary>
    public void Control(int controller, int value)
    {
        switch (controller)
        {
            case 0: BankMsb = value; break;
            case 1: Modulation = value; break;
            case 6: DataEntry(value); break;
            case 38: DataEntryFine(value); break;
            case 7: Volume = value; break;
            case 10: Pan = value; break;
            case 11: Expression = value; break;
            case 64: Sustain = value >= 64; break;
            case 91: ReverbSend = value; break;
            case 93: ChorusSend = value; break;
            case 98 or 99: _rpn = NullParameter; break; // NRPN selected: data entry must not touch RPNs
            case 100: _rpn = (_rpn & 0x3F80) | value; break;
            case 101: _rpn = (_rpn & 0x7F) | (value << 7); break;
            case 121: ResetControllers(); break;
        }
    }

    /// <summary>CC38 refines RPN 0 by cents (RP-018): range = semitones + cents/100.</summary>
    private void DataEntryFine(int value)
    {
        if (_rpn == 0) BendRange = Math.Floor(BendRange) + value / 100.0;
    }

    private void DataEntry(int value)
    {
        switch (_rpn)
        {
            case 0: BendRange = value; break;
            case 1: TuningCents = (value - 64) / 64.0 * 100; break;
            case 2: TuningCents = (value - 64) * 100; break;
        }
    }
}
