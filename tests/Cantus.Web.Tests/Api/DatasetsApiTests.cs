using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.PianoRolls;

namespace Cantus.Web.Tests.Api;

public sealed class DatasetsApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public DatasetsApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    private static byte[] Piece(int i)
    {
        var m = new Multitrack(64);
        foreach (var b in new[] { 68, 62, 56, 50 })
        {
            var track = m.AddTrack($"v{b}");
            for (var t = 0; t < 64; t++) track[t, b + (t / 4 + i) % 5] = 80;
        }
        return MultitrackToMidi.Convert(m).ToBytes();
    }

    private static ByteArrayContent Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(content);
            }
        return new ByteArrayContent(stream.ToArray());
    }

    private static MultipartFormDataContent Form(string name, HttpContent archive, params string[] tags)
    {
        var form = new MultipartFormDataContent { { new StringContent(name), "name" }, { archive, "archive", "songs.zip" } };
        foreach (var t in tags) form.Add(new StringContent(t), "tags");
        return form;
    }

    [Fact]
    public async Task Import_List_Info()
    {
        var created = await _client.PostAsync("/api/datasets", Form("api-songs", Zip(("a.mid", Piece(0)), ("b.mid", Piece(1)), ("../c.mid", Piece(2))), "chorale", "test"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("dataset").GetProperty("files").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetArrayLength());

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "api-songs");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "jsb-chorales");

        var info = await _client.GetFromJsonAsync<JsonElement>("/api/datasets/api-songs?window=32&hop=16");
        Assert.Equal("api-songs", info.GetProperty("name").GetString());
    }

    [Fact]
    public async Task BadImports_AreProblems_AndStoreNothing()
    {
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/datasets", Form("notzip", new ByteArrayContent("hello"u8.ToArray()))), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/datasets", Form("../up", Zip(("a.mid", Piece(0))))), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/datasets", Form("bomb", Zip(("a.mid", new byte[5 << 20])))), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/datasets", Form("huge", new ByteArrayContent(new byte[2 << 20]))), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/datasets", new MultipartFormDataContent { { new StringContent("x"), "name" } }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/datasets/api-none"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/datasets/jsb-chorales?hop=0"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/datasets/jsb-chorales?transposition=sideways"), HttpStatusCode.BadRequest);
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("name").GetString() is "notzip" or "bomb" or "huge");
    }
}
