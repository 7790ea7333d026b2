using System.Globalization;

namespace Cantus.Bench;

/// <summary>
/// CPU time (user + system) of a process and everything under it, from Linux's <c>/proc</c>: the
/// root's own and its reaped children's time, plus each live descendant's own (PostgreSQL runs a
/// process per connection and nginx its workers, so the root alone would miss most of it).
/// </summary>
internal static class ProcessTreeCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The tree's CPU time so far; zero when /proc is missing or the process is gone.</summary>
    public static TimeSpan Of(int root)
    {
        var stats = new Dictionary<int, (int Parent, long Own, long Reaped)>();
        if (!Directory.Exists("/proc")) return TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Read(pid) is { } s) stats[pid] = s;
        }
        if (!stats.TryGetValue(root, out var top)) return TimeSpan.Zero;
        var ticks = top.Own + top.Reaped;
        var children = stats.GroupBy(kv => kv.Value.Parent).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList());
        var pending = new Stack<int>(children.GetValueOrDefault(root) ?? []);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            ticks += stats[pid].Own; // its reaped children are counted in its parent's when it is reaped; live ones below
            foreach (var c in children.GetValueOrDefault(pid) ?? []) pending.Push(c);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long Own, long Reaped)? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
            long F(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return ((int)F(1), F(11) + F(12), F(13) + F(14));
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
