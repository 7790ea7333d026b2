using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Tests.Storage;

public abstract class MelodyTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task CreateGetListRenameDelete()
    {
        var owner = await Store.NewUserAsync();
        var melody = await Store.NewMelodyAsync(owner, "Ode to Joy");
        Assert.Equal(melody, await Store.Melodies.GetAsync(owner, melody.Id));
        Assert.Equal([melody], await Store.Melodies.ListAsync(owner));

        Assert.True(await Store.Melodies.RenameAsync(owner, melody.Id, "Freude"));
        Assert.Equal("Freude", (await Store.Melodies.GetAsync(owner, melody.Id))!.Name);

        Assert.True(await Store.Melodies.DeleteAsync(owner, melody.Id));
        Assert.Null(await Store.Melodies.GetAsync(owner, melody.Id));
        Assert.False(await Store.Melodies.DeleteAsync(owner, melody.Id));
    }

    [StoreFact]
    public async Task AnotherUsersMelodyIsMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var melody = await Store.NewMelodyAsync(owner);

        Assert.Null(await Store.Melodies.GetAsync(stranger, melody.Id));
        Assert.Empty(await Store.Melodies.ListAsync(stranger));
        Assert.False(await Store.Melodies.RenameAsync(stranger, melody.Id, "Mine now"));
        Assert.False(await Store.Melodies.DeleteAsync(stranger, melody.Id));
        Assert.Equal(melody, await Store.Melodies.GetAsync(owner, melody.Id));
    }

    [StoreFact]
    public async Task ListsNewestFirstInPages()
    {
        var owner = await Store.NewUserAsync();
        var made = new List<MelodyRecord>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await Store.NewMelodyAsync(owner, "m" + i));
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        made.Reverse();
        Assert.Equal(made, await Store.Melodies.ListAsync(owner));
        Assert.Equal(made[..2], await Store.Melodies.ListAsync(owner, new Page(0, 2)));
        Assert.Equal(made[2..], await Store.Melodies.ListAsync(owner, new Page(2, 2)));
        Assert.Equal(made, await Store.Melodies.ListAsync(owner, default(Page)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Page(0, Page.MaxLimit + 1));
    }

    [StoreFact]
    public async Task AMelodyThatCompositionsUseIsNotDeleted()
    {
        var owner = await Store.NewUserAsync();
        var melody = await Store.NewMelodyAsync(owner, "Ode");
        var model = await Store.NewModelAsync(owner);
        var first = await Store.NewCompositionAsync(owner, melody.Id, model.Id);
        await Store.NewCompositionAsync(owner, melody.Id, model.Id);

        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Melodies.DeleteAsync(owner, melody.Id));
        Assert.Equal("Melody \"Ode\" is used by 2 compositions.", refused.Message);
        Assert.NotNull(await Store.Melodies.GetAsync(owner, melody.Id));

        foreach (var composition in await Store.Compositions.ListAsync(owner))
            Assert.True(await Store.Compositions.DeleteAsync(owner, composition.Id));
        Assert.Null(await Store.Compositions.GetAsync(owner, first.Id));
        Assert.True(await Store.Melodies.DeleteAsync(owner, melody.Id));
    }

    [StoreFact]
    public async Task BadInputIsRefusedBeforeTheDatabase()
    {
        var owner = await Store.NewUserAsync();
        var midi = await Store.Blobs.PutTextAsync("melody");
        var good = new MelodyRecord { OwnerId = owner, Name = "Bad", Source = MelodySources.Recorded, MidiSha256 = midi };
        var json = await Assert.ThrowsAsync<ArgumentException>(() => Store.Melodies.CreateAsync(good with { Repairs = "[not json" }));
        Assert.Contains("repairs", json.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Melodies.CreateAsync(good with { Source = "fax" }));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Melodies.CreateAsync(good with { MidiSha256 = new string('0', 64) }));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Melodies.CreateAsync(good with { OwnerId = StoreIds.New() }));
        Assert.Empty(await Store.Melodies.ListAsync(owner));
        Assert.Equal("recorded", (await Store.Melodies.CreateAsync(good)).Source);
    }

    [StoreFact]
    public async Task JsonComesBackAsTheSameDocument()
    {
        var owner = await Store.NewUserAsync();
        const string repairs = """[ {"kind":"running-status",  "at" : 12}, "end of track added" ]""";
        var melody = await Store.Melodies.CreateAsync(new MelodyRecord
        {
            OwnerId = owner, Name = "Json", Source = MelodySources.Upload, MidiSha256 = await Store.Blobs.PutTextAsync("json melody"), Repairs = repairs,
        });
        var stored = (await Store.Melodies.GetAsync(owner, melody.Id))!.Repairs;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(repairs), System.Text.Json.Nodes.JsonNode.Parse(stored)));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : MelodyTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : MelodyTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
