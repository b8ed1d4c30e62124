#!/usr/bin/env node
// Writes the wire types of the server's OpenAPI snapshot (web/openapi.json, kept equal to /openapi/v1.json by
// tests/Orchestration.Server.Tests/Docs/OpenApiSnapshotTests.cs) to src/api/schema.d.ts.
import { writeFile, readFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

const [input = "openapi.json", output = "src/api/schema.d.ts"] = process.argv.slice(2);
const document = JSON.parse(await readFile(input, "utf8"));
const header = "// Generated from web/openapi.json by `npm run gen:api`; do not edit.\n\n";
await writeFile(output, header + astToString(await openapiTS(document)));
