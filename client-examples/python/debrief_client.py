#!/usr/bin/python3
"""A Debrief client in Python, on Debian's python3-grpcio and stubs from generate_stubs.sh.

    close TICKET.json                  OnTicketClosed: print the debriefing
    suggest TICKET.json [--max-tags N] SuggestTags: print decision id and tags
    feedback DECISION_ID [--accept TAG]... [--reject TAG]... [--add TAG]... [--agent ID]
                                       RecordFeedback: what the agent did with a suggestion
    backfill TICKET.json...            Backfill: stream historical closed tickets, print counts

Tickets are files in protobuf's JSON mapping (see ../tickets/). Answers are printed as
JSON on stdout. The server address comes from $DEBRIEF_GRPC_TARGET (default
127.0.0.1:50051). Exit status: 0 on success, 1 when the call fails (the gRPC status code
and message on stderr), 2 on a usage or input error.

    ./generate_stubs.sh gen
    PYTHONPATH=gen /usr/bin/python3 debrief_client.py close ../tickets/double-charge.json
"""

import argparse
import os
import sys

import grpc
from google.protobuf import json_format

from debrief.v1 import debrief_service_pb2 as pb
from debrief.v1 import debrief_service_pb2_grpc as pb_grpc
from debrief.v1 import ticket_pb2

TIMEOUT_S = 10


def load_ticket(path):
    """Reads a Ticket from protobuf JSON; a misspelt field is an error, not ignored."""
    with open(path) as f:
        return json_format.Parse(f.read(), ticket_pb2.Ticket())


def to_json(message):
    return json_format.MessageToJson(message, indent=2)


def close(stub, args):
    request = pb.OnTicketClosedRequest(ticket=load_ticket(args.ticket))
    # Safe to retry after a timeout: a close is recorded before Debrief answers, and the
    # same close again is answered from the record (debriefing.replayed is then true).
    response = stub.OnTicketClosed(request, timeout=TIMEOUT_S, wait_for_ready=True)
    return response.debriefing


def suggest(stub, args):
    request = pb.SuggestTagsRequest(ticket=load_ticket(args.ticket), max_tags=args.max_tags)
    return stub.SuggestTags(request, timeout=TIMEOUT_S, wait_for_ready=True)


def feedback(stub, args):
    request = pb.RecordFeedbackRequest(decision_id=args.decision_id, accepted=args.accept,
                                       rejected=args.reject, added=args.add,
                                       agent_id=args.agent)
    return stub.RecordFeedback(request, timeout=TIMEOUT_S, wait_for_ready=True)


def backfill(stub, args):
    # A client stream: the request iterator is consumed while the call runs, so a large
    # history is never held in memory at once. Invalid tickets are counted, not fatal.
    requests = (pb.BackfillRequest(ticket=load_ticket(path)) for path in args.tickets)
    return stub.Backfill(requests, timeout=TIMEOUT_S * 6, wait_for_ready=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("close", help="debrief a closed ticket")
    command.add_argument("ticket")
    command.set_defaults(call=close)
    command = commands.add_parser("suggest", help="suggest tags for an open ticket")
    command.add_argument("ticket")
    command.add_argument("--max-tags", type=int, default=0, help="0: the server's default")
    command.set_defaults(call=suggest)
    command = commands.add_parser("feedback", help="record an agent's accept/reject")
    command.add_argument("decision_id")
    command.add_argument("--accept", action="append", default=[], metavar="TAG")
    command.add_argument("--reject", action="append", default=[], metavar="TAG")
    command.add_argument("--add", action="append", default=[], metavar="TAG")
    command.add_argument("--agent", default="", metavar="ID")
    command.set_defaults(call=feedback)
    command = commands.add_parser("backfill", help="import historical closed tickets")
    command.add_argument("tickets", nargs="+")
    command.set_defaults(call=backfill)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    target = os.environ.get("DEBRIEF_GRPC_TARGET") or "127.0.0.1:50051"
    # One channel per process: thread-safe, reconnects by itself, multiplexes calls.
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.DebriefStub(channel)
        try:
            answer = args.call(stub, args)
        except (OSError, json_format.ParseError) as error:
            print(f"debrief_client: {error}", file=sys.stderr)
            return 2
        except grpc.RpcError as error:
            # INVALID_ARGUMENT names the offending field; NOT_FOUND an unknown decision id.
            print(f"debrief_client: {args.command} failed: {error.code().name}: {error.details()}",
                  file=sys.stderr)
            return 1
    print(to_json(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
