using System.Buffers.Binary;
using System.Text;

namespace Cantus.Console.Tests;

/// <summary>Reads a PCM WAV file's header and measures its level: a listen-check by numbers.</summary>
internal sealed record WavCheck(int SampleRate, int Channels, double Seconds, double Rms)
{
    /// <summary>Parses 16-bit PCM or 32-bit float RIFF/WAVE bytes.</summary>
    public static WavCheck Of(byte[] bytes)
    {
        Assert.True(bytes.Length > 44 && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF" && Encoding.ASCII.GetString(bytes, 8, 4) == "WAVE", "not a RIFF/WAVE file");
        int pos = 12, rate = 0, channels = 0, bits = 0, format = 0;
        while (pos + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, pos, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 4));
            var body = bytes.AsSpan(pos + 8, Math.Min(size, bytes.Length - pos - 8));
            if (id == "fmt ")
            {
                format = BinaryPrimitives.ReadInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
            }
            else if (id == "data")
            {
                var bytesPerSample = bits / 8;
                var samples = body.Length / bytesPerSample;
                double sum = 0;
                for (var i = 0; i < samples; i++)
                {
                    double x = format == 3 && bits == 32
                        ? BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..])
                        : BinaryPrimitives.ReadInt16LittleEndian(body[(i * 2)..]) / 32768.0;
                    sum += x * x;
                }
                return new WavCheck(rate, channels, samples / (double)channels / rate, Math.Sqrt(sum / Math.Max(1, samples)));
            }
            pos += 8 + size + (size & 1);
        }
        throw new Xunit.Sdk.XunitException("the WAV file has no data chunk");
    }
}
