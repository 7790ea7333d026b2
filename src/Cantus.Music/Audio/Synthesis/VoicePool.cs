namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A fixed set of voices (the polyphony cap). Active voices are kept at the front of the array.
/// When all are busy a new note steals one: released voices before held ones, then the quietest
/// volume envelope, then the oldest (MeltySynth's VoiceCollection policy).
/// </summary>
internal sealed class VoicePool
{
    private readonly Voice[] _voices;
    private int _active;

    public VoicePool(int capacity, int sampleRate)
    {
        _voices = new Voice[capacity];
        for (var i = 0; i < capacity; i++) _voices[i] = new Voice(sampleRate);
    }

    /// <summary>The sounding voices.</summary>
    public ReadOnlySpan<Voice> Active => _voices.AsSpan(0, _active);

    public int ActiveCount => _active;

    /// <summary>A free voice, or the best candidate to steal when all are sounding.</summary>
    public Voice Allocate()
    {
        if (_active < _voices.Length) return _voices[_active++];
        var best = 0;
        var bestScore = double.MaxValue;
        for (var i = 0; i < _active; i++)
        {
            var v = _voices[i];
            var score = (v.IsReleased ? 0 : 2) + v.Level;
            if (score < bestScore || (score == bestScore && v.Serial < _voices[best].Serial))
            {
                best = i;
                bestScore = score;
            }
        }

        return _voices[best];
    }

    /// <summary>Renders every active voice into the buses and drops the ones that ended.</summary>
    public void Render(Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        for (var i = 0; i < _active; i++)
        {
            if (_voices[i].Render(left, right, reverb, chorus)) continue;
            (_voices[i], _voices[_active - 1]) = (_voices[_active - 1], _voices[i]);
            _active--;
            i--;
        }
    }

    /// <summary>Silences everything at once (reset).</summary>
    public void Clear() => _active = 0;
}
