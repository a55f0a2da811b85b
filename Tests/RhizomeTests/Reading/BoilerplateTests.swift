import Testing
@testable import Rhizome

/// Navigation of real documentation sites never becomes text (and so never becomes entities).
@Suite struct BoilerplateTests {
    @Test func tableLayoutMenusAreDroppedAndTheirColumnsReadAsText() throws {
        let document = try readRealFixture("nav/libxslt-faq.html")
        for menu in ["Main Menu", "Related links", "API Indexes", "Mail archive", "Reporting bugs and getting help"] {
            #expect(!document.text.contains(menu), "\(menu)")
        }
        #expect(document.text.contains("Troubles compiling or linking programs using libxslt"))
        #expect(!document.text.contains("GNOMEFAQ") && document.text.contains("The XSLT C library for GNOME"))
    }

    @Test func texinfoNavigationHeadersAreDropped() throws {
        let document = try readRealFixture("nav/gettext-7.html")
        for navigation in ["<<", ">>", "[ Top ]", "Contents ]", "About (help)"] {
            #expect(!document.text.contains(navigation), "\(navigation)")
        }
        #expect(document.text.contains("The msgmerge program merges two Uniforum style .po files together."))
        let libffi = try DocumentReaders().read(fileAt: repositoryRootURL.appendingPathComponent(
            "Examples/documents/libffi-the-basics.html"), sourcePath: "libffi-the-basics.html")
        #expect(!libffi.text.contains("Next: Simple Example"))
        #expect(!libffi.text.contains("Up: Using libffi"))
    }

    @Test func sphinxPermalinksAndSidebarsAreDropped() throws {
        let document = try readRealFixture("nav/attrs-examples.html")
        #expect(!document.text.contains("\u{F0C1}") && !document.text.contains("¶"))
        #expect(document.blocks.first { $0.kind == .heading }?.text == "attrs by Example")
        #expect(!document.text.contains("Navigation") && !document.text.contains("Quick search"))
    }

    @Test func aPageOfNothingButLinksIsKept() throws {
        let index = "<html><body><ul><li><a href='a.html'>Alpha guide</a></li><li><a href='b.html'>Beta guide</a></li>"
            + "<li><a href='c.html'>Gamma guide</a></li></ul></body></html>"
        let document = try read(index, as: "index.html")
        #expect(document.text.contains("Alpha guide"))
    }

    @Test func prosePararaphsWithLinksStay() throws {
        let page = "<p>See <a href='x'>the guide</a> and <a href='y'>the reference</a> for the details of setup.</p>"
        #expect(try read(page, as: "p.html").text.contains("for the details of setup"))
    }

    @Test func dataTablesKeepTheirRowsAndBlocksInCellsAreSeparated() throws {
        let data = "<table><tr><th>Name</th><th>Value</th></tr><tr><td><p>alpha</p></td><td>1</td></tr></table>"
        #expect(try read(data, as: "t.html").text == "Name | Value\nalpha | 1")
        let cell = "<table><tr><td><h1>GNOME</h1><h2>Module</h2><p>text</p></td></tr></table>"
        let text = try read(cell, as: "c.html").text
        #expect(!text.contains("GNOMEModule") && text.contains("GNOME") && text.contains("Module"))
    }
}
