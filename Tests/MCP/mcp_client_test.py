"""A real MCP client (the `mcp` package from PyPI, version pinned in Tests/requirements.txt) against `rhizome mcp` over
stdio, or against `/mcp` under `rhizome serve` over streamable HTTP.

    python3 Tests/MCP/mcp_client_test.py --rhizome .build/debug/rhizome --store S.sqlite --allow-root DIR
    python3 Tests/MCP/mcp_client_test.py --url http://127.0.0.1:PORT/mcp --allow-root DIR   # serve --scan-folder DIR

The allowed folder must hold Rhizome's Examples/documents (or a copy). The script lists the tools and
checks their schemas, calls every tool (ingest first, then query, search_entities, get_entity, neighbors,
get_passage on the query's first reference, list_documents), reads a document resource, and checks that
bad calls come back as MCP errors: an unknown entity, a path outside the allowed folder, a bad mode.
It prints one "ok:" line per check and exits 1 at the first failure.
"""
import argparse
import asyncio
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

EXPECTED_TOOLS = {"query", "search_entities", "get_entity", "neighbors", "get_passage", "list_documents", "ingest"}


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


async def expect_error(session, tool, arguments, needle):
    try:
        result = await session.call_tool(tool, arguments)
    except MCPError as error:
        check(needle in str(error.error.message), f"{tool} {arguments} is an MCP error: {error.error.message}")
        return
    text = result.content[0].text if result.content else ""
    check(result.is_error and needle in text, f"{tool} {arguments} is refused ({text})")


def transport(arguments):
    if arguments.url:
        return streamable_http_client(arguments.url, terminate_on_close=False)
    return stdio_client(StdioServerParameters(command=arguments.rhizome,
                                              args=["mcp", "--store", arguments.store, "--allow-root", arguments.allow_root]))


async def run(arguments):
    async with transport(arguments) as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write) as session:
            info = await session.initialize()
            check(info.server_info.name == "rhizome", "initialize names the server rhizome")

            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            check(set(tools) == EXPECTED_TOOLS, f"tools are {sorted(tools)}")
            for tool in tools.values():
                schema = tool.input_schema
                check(schema.get("type") == "object" and schema.get("additionalProperties") is False and tool.description,
                      f"{tool.name} has a closed object schema and a description")
            check(tools["query"].input_schema["required"] == ["question"], "query requires a question")
            check("mix" in tools["query"].input_schema["properties"]["mode"]["enum"], "query's mode is an enum")

            ingested = await session.call_tool("ingest", {"paths": ["."]})
            report = ingested.structured_content
            check(not ingested.is_error and report["added"] + report["unchanged"] >= 10 and report["failed"] == 0,
                  f"ingest added the examples ({ingested.content[0].text})")

            answer = await session.call_tool("query", {"question": "Who designed SQLite?", "mode": "mix"})
            result = answer.structured_content
            check("Hipp" in result["answer"] and result["references"], "query answers with references")
            check("References:" in answer.content[0].text, "the text answer lists its references")
            first = result["references"][0]

            passage = await session.call_tool("get_passage", {"document": first["document_path"], "chunk_id": first["chunk_id"]})
            check(passage.structured_content["text"] and passage.structured_content["start_offset"] == first["start_offset"],
                  "get_passage returns the referenced chunk")
            span = await session.call_tool("get_passage", {"document": first["document_path"],
                                                           "start_offset": first["start_offset"], "end_offset": first["start_offset"] + 20})
            check(len(span.structured_content["text"]) == 20, "get_passage returns an exact span")

            found = await session.call_tool("search_entities", {"text": "SQLite", "limit": 5})
            names = [entity["name"] for entity in found.structured_content["entities"]]
            check("SQLite" in names, f"search_entities finds SQLite ({names})")

            entity = await session.call_tool("get_entity", {"name": "sqlite"})
            check(entity.structured_content["name"] == "SQLite" and entity.structured_content["sources"], "get_entity reads SQLite, any case")

            neighbors = await session.call_tool("neighbors", {"name": "SQLite", "depth": 1, "max_nodes": 10})
            nodes = neighbors.structured_content["nodes"]
            check(0 < len(nodes) <= 10 and any(node["name"] == "SQLite" for node in nodes), "neighbors returns SQLite's neighbourhood")

            documents = await session.call_tool("list_documents", {"status": "processed"})
            listed = documents.structured_content["documents"]
            check(len(listed) >= 10, f"list_documents lists {len(listed)} documents")

            resources = (await session.list_resources()).resources
            check(len(resources) == len(listed), "every processed document is a resource")
            korean = next(resource for resource in resources if resource.name.endswith("debian-faq-basic-defs.ko.html"))
            text = (await session.read_resource(korean.uri)).contents[0].text
            check("데비안" in text or "Debian" in text, "a document resource reads as its text")

            await expect_error(session, "get_entity", {"name": "No Such Entity Anywhere"}, "no entity")
            await expect_error(session, "ingest", {"paths": ["../.."]}, "outside the allowed folder")
            escape = os.path.join(arguments.allow_root, "escape-link")
            os.symlink("/etc", escape)
            try:
                await expect_error(session, "ingest", {"paths": ["escape-link"]}, "outside the allowed folder")
            finally:
                os.remove(escape)
            await expect_error(session, "query", {"question": "x", "mode": "sideways"}, "mode")
            await expect_error(session, "neighbors", {"name": "SQLite", "depth": 9}, "depth")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rhizome", help="the binary to start as `rhizome mcp` (stdio)")
    parser.add_argument("--store", help="the store `rhizome mcp` opens (stdio)")
    parser.add_argument("--url", help="a `rhizome serve` /mcp endpoint instead (streamable HTTP)")
    parser.add_argument("--allow-root", required=True)
    arguments = parser.parse_args()
    if not arguments.url and not (arguments.rhizome and arguments.store):
        parser.error("give --url, or --rhizome and --store")
    asyncio.run(run(arguments))
    print("ok: all MCP checks passed")


if __name__ == "__main__":
    main()
