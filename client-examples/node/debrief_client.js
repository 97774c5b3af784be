#!/usr/bin/env node
// A Debrief client in Node.js: @grpc/grpc-js with the .proto files loaded at run time by
// @grpc/proto-loader (no code generation step).
//
//   node debrief_client.js close TICKET.json
//   node debrief_client.js suggest TICKET.json [--max-tags N]
//   node debrief_client.js feedback DECISION_ID [--accept TAG]... [--reject TAG]... [--add TAG]...
//
// Tickets are files in protobuf's JSON mapping (see ../tickets/). Answers are printed as
// JSON on stdout. Server: $DEBRIEF_GRPC_TARGET (default 127.0.0.1:50051); .proto files:
// $DEBRIEF_PROTO_DIR (default ../../proto). Exit status: 0 on success, 1 when the call
// fails (gRPC status on stderr), 2 on a usage or input error.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = process.env.DEBRIEF_PROTO_DIR || path.join(__dirname, '..', '..', 'proto');
const TARGET = process.env.DEBRIEF_GRPC_TARGET || '127.0.0.1:50051';
const TIMEOUT_MS = 10000;

// Loads the Debrief service. camelCase field names (as in the JSON mapping), enums as
// their names, 64-bit integers as strings so no precision is lost.
function loadDebriefService() {
  const definition = protoLoader.loadSync('debrief/v1/debrief_service.proto', {
    includeDirs: [PROTO_DIR],
    keepCase: false,
    enums: String,
    longs: String,
    defaults: false,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).debrief.v1.Debrief;
}

// proto-loader objects carry google.protobuf.Timestamp as {seconds, nanos}; the JSON
// mapping writes RFC 3339 strings. Converts the ticket's timestamps.
function timestamp(value) {
  if (typeof value !== 'string') return value;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new Error(`not an RFC 3339 timestamp: ${value}`);
  return {seconds: String(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1e6};
}

function loadTicket(file) {
  const ticket = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const key of ['createdAt', 'closedAt']) {
    if (key in ticket) ticket[key] = timestamp(ticket[key]);
  }
  for (const message of ticket.messages || []) {
    if ('createdAt' in message) message.createdAt = timestamp(message.createdAt);
  }
  return ticket;
}

// Parses `--name value` pairs; repeated flags collect into arrays.
function parseFlags(args) {
  const flags = {positional: []};
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) {
      flags.positional.push(args[i]);
      continue;
    }
    const name = args[i].slice(2);
    if (i + 1 >= args.length) throw new Error(`--${name} needs a value`);
    (flags[name] = flags[name] || []).push(args[++i]);
  }
  return flags;
}

// Each command: [method, (flags) => request]. Called with wait-for-ready and a deadline.
const COMMANDS = {
  // Safe to retry after a timeout: a close is recorded before Debrief answers, and the
  // same close again is answered from the record (debriefing.replayed is then true).
  close: ['onTicketClosed', (flags) => ({ticket: loadTicket(flags.positional[0])})],
  suggest: ['suggestTags', (flags) => ({
    ticket: loadTicket(flags.positional[0]),
    maxTags: Number((flags['max-tags'] || ['0'])[0]),
  })],
  feedback: ['recordFeedback', (flags) => ({
    decisionId: flags.positional[0],
    accepted: flags.accept || [],
    rejected: flags.reject || [],
    added: flags.add || [],
    agentId: (flags.agent || [''])[0],
  })],
};

function main(argv) {
  const [command, ...rest] = argv;
  if (!(command in COMMANDS) || rest.length === 0) {
    process.stderr.write('usage: debrief_client.js close|suggest TICKET.json | ' +
                         'feedback DECISION_ID [--accept TAG]...\n');
    return process.exit(2);
  }
  const [method, makeRequest] = COMMANDS[command];
  let request;
  try {
    request = makeRequest(parseFlags(rest));
  } catch (error) {
    process.stderr.write(`debrief_client: ${error.message}\n`);
    return process.exit(2);
  }

  const Debrief = loadDebriefService();
  const client = new Debrief(TARGET, grpc.credentials.createInsecure());
  const options = {deadline: Date.now() + TIMEOUT_MS, waitForReady: true};
  client[method](request, options, (error, response) => {
    client.close();
    if (error) {
      // INVALID_ARGUMENT names the offending field; NOT_FOUND an unknown decision id.
      process.stderr.write(`debrief_client: ${command} failed: ` +
                           `${grpc.status[error.code]}: ${error.details}\n`);
      process.exitCode = 1;
      return;
    }
    const answer = command === 'close' ? response.debriefing : response;
    process.stdout.write(JSON.stringify(answer, null, 2) + '\n');
  });
}

main(process.argv.slice(2));
