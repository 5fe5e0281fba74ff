/**
 * A small script language for readable Raft scenarios (in the spirit of etcd's
 * datadriven tests). A script is a sequence of blocks:
 *
 *     # comments and blank lines are kept as they are
 *     campaign 1
 *     ----
 *     1->2 RequestVote term=1 last=0/0
 *
 * Each block is one command, a `----` line, and the output the command is expected
 * to print (up to the next blank line). `runScript` executes the commands against a
 * `Network` and returns the script with the actual outputs, so a test compares the
 * two texts and REWRITE=1 can write them back.
 *
 * Commands (node ids are numbers; `xN` repeats):
 *   nodes 3 [preVote] [checkQuorum] [readOnly=lease] [maxInflight=2] [maxEntriesPerMessage=1]
 *         [maxUncommittedEntries=3] [electionTick=10] [heartbeatTick=1] [seed=1]
 *   campaign 1 | tick 3 [xN] | tick [xN] (every node) | propose 1 x [xN]
 *   deliver (until quiet) | deliver N (the N oldest) | drop [N] | queue
 *     (deliver and drop take filters: `deliver to=3`, `drop 1 from=1 to=2`)
 *   reorder 2 1 (the pending messages at these 1-based positions go first, in that
 *     order) | duplicate N (the N oldest are sent again, at the back of the queue)
 *   cut 1 2 (both ways) | cut 1->2 (one way) | isolate 3 | heal | restart 2
 *   read 1 id | reads 1 | transfer 1 3 | compact 1 | status [id] | log 2
 *   add-learner 1 4 | add-voter 1 4 | remove 1 3 (leader 1 proposes the membership
 *     change; a node not in the network yet is started empty, with no voters)
 *   conf [id] (each node's current configuration)
 */
import { Network, type NetworkOptions } from './network';
import { decodeConfEntry } from '../confchange';
import type { ConfChange, Entry, Message, NodeId } from '../types';

export function runScript(text: string): string {
  const out: string[] = [];
  let runner: Runner | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) {
      out.push(line);
      continue;
    }
    if (lines[i + 1] !== '----') throw new Error(`line ${i + 1}: expected ---- after "${line}"`);
    i += 2;
    while (i < lines.length && lines[i].trim() !== '') i++;
    i--; // the blank line (or EOF) that ended the output is handled by the loop
    const [cmd, ...args] = line.trim().split(/\s+/);
    if (cmd === 'nodes') runner = new Runner(args);
    else if (!runner) throw new Error(`line ${i + 1}: "nodes" must come first`);
    let result: string[];
    try {
      result = cmd === 'nodes' ? [] : runner.run(cmd, args);
    } catch (err) {
      result = [`error: ${(err as Error).message}`];
    }
    out.push(line, '----', ...(result.length > 0 ? result : ['ok']));
  }
  return out.join('\n');
}

class Runner {
  private readonly net: Network;

  constructor(args: string[]) {
    const [count, ...flags] = args;
    const options: Record<string, unknown> = {};
    for (const flag of flags) {
      const [key, value] = flag.split('=');
      options[key] = value === undefined ? true : /^\d+$/.test(value) ? Number(value) : value;
    }
    const ids = Array.from({ length: Number(count) }, (_, i) => i + 1);
    this.net = new Network(ids, options as NetworkOptions);
  }

  run(cmd: string, args: string[]): string[] {
    const net = this.net;
    const id = Number(args[0]);
    const times = repeat(args);
    switch (cmd) {
      case 'campaign':
        return this.sent(() => net.campaign(id));
      case 'tick':
        if (args[0] === undefined || args[0].startsWith('x')) {
          return this.sent(() => {
            for (let i = 0; i < times; i++) for (const n of net.ids) net.tick(n);
          });
        }
        return this.sent(() => net.tick(id, times));
      case 'propose': {
        const lines: string[] = [];
        for (let i = 0; i < times; i++) {
          const r = net.propose(id, args[1]);
          lines.push(r.ok ? `ok index=${r.index} term=${r.term}` : `error ${r.error}`);
        }
        return lines;
      }
      case 'deliver':
        return this.deliver(count(args), filter(args));
      case 'drop': {
        const lines: string[] = [];
        const match = filter(args);
        for (let n = count(args); n > 0; n--) {
          const at = net.queue.findIndex(match);
          if (at < 0) break;
          lines.push(`dropped ${formatMessage(net.queue[at])}`);
          net.dropOne(at);
        }
        return lines;
      }
      case 'queue':
        return net.queue.map(formatMessage);
      case 'reorder': {
        const first = args.map((a) => net.queue[Number(a) - 1]);
        net.queue = [...first, ...net.queue.filter((m) => !first.includes(m))];
        return net.queue.map(formatMessage);
      }
      case 'duplicate':
        net.queue.push(...net.queue.slice(0, id).map((m) => ({ ...m })));
        return net.queue.map(formatMessage);
      case 'cut':
        if (args[0].includes('->')) {
          const [from, to] = args[0].split('->').map(Number);
          net.cutOneWay(from, to);
        } else {
          net.partition([id], [Number(args[1])]);
        }
        return [];
      case 'isolate':
        net.isolate(id);
        return [];
      case 'heal':
        net.heal();
        return [];
      case 'restart':
        net.restart(id);
        return [];
      case 'read': {
        const r = this.sentWith(() => net.readIndex(id, args[1]));
        return [r.result.ok ? 'ok' : `error ${r.result.error}`, ...r.lines];
      }
      case 'reads': {
        const reads = net.readStates.get(id)!;
        return reads.length > 0 ? reads.map((s) => `${s.requestId} index=${s.index}`) : ['(none)'];
      }
      case 'transfer': {
        const r = this.sentWith(() => net.transferLeader(id, Number(args[1])));
        return [r.result.ok ? 'ok' : `error ${r.result.error}`, ...r.lines];
      }
      case 'add-learner':
      case 'add-voter':
      case 'remove':
        return [this.confChange(id, { type: CONF_CHANGES[cmd], node: Number(args[1]) })];
      case 'conf':
        return (args[0] === undefined ? net.ids : [id]).map((n) => {
          const cs = net.node(n).status().confState;
          return `${n}: voters=[${cs.voters.join(' ')}] learners=[${cs.learners.join(' ')}]`;
        });
      case 'compact': {
        const snap = net.compact(id, `state@${net.node(id).status().applied}`);
        return [`snapshot ${snap.metadata.index}/${snap.metadata.term} data=${snap.data}`];
      }
      case 'status':
        return (args[0] === undefined ? net.ids : [id]).flatMap((n) => this.status(n));
      case 'log':
        return this.log(id);
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  }

  private confChange(leader: NodeId, change: ConfChange): string {
    if (change.type !== 'removeNode' && !this.net.nodes.has(change.node)) this.net.addNode(change.node);
    const r = this.net.proposeConfChange(leader, change);
    return r.ok ? `ok index=${r.index} term=${r.term}` : `error ${r.error}`;
  }

  /** Delivers up to `count` messages that `match`, oldest first, printing each. */
  private deliver(count: number, match: (m: Message) => boolean): string[] {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i >= 10_000) throw new Error('message storm');
      const at = this.net.queue.findIndex(match);
      if (at < 0) break;
      const m = this.net.deliverOne(at)!;
      lines.push(this.net.isCut(m.from, m.to) ? `dropped ${formatMessage(m)}` : formatMessage(m));
    }
    return lines;
  }

  /** Runs `action` and prints the messages it queued. */
  private sent(action: () => void): string[] {
    return this.sentWith(action).lines;
  }

  private sentWith<T>(action: () => T): { result: T; lines: string[] } {
    const before = this.net.queue.length;
    const result = action();
    return { result, lines: this.net.queue.slice(before).map((m) => `sent ${formatMessage(m)}`) };
  }

  private status(id: NodeId): string[] {
    const s = this.net.node(id).status();
    const lines = [
      `${id}: ${s.role} term=${s.term} vote=${s.vote} leader=${s.leader} commit=${s.commit} applied=${s.applied} ` +
        `last=${s.lastIndex}/${s.lastTerm}` +
        (s.firstIndex > 1 ? ` first=${s.firstIndex}` : '') +
        (s.leadTransferee ? ` transferring-to=${s.leadTransferee}` : ''),
    ];
    for (const [peer, pr] of Object.entries(s.progress)) {
      if (Number(peer) === id) continue;
      lines.push(
        `  ${peer}: ${pr.state} match=${pr.matchIndex} next=${pr.nextIndex}${pr.paused ? ' paused' : ''}`,
      );
    }
    return lines;
  }

  private log(id: NodeId): string[] {
    const storage = this.net.storages.get(id)!;
    const first = storage.firstIndex();
    const lines = first > 1 ? [`snapshot ${first - 1}/${storage.term(first - 1)}`] : [];
    const entries = this.net.log(id);
    return [...lines, ...(entries.length > 0 ? [entries.map(formatEntry).join(' ')] : ['(empty)'])];
  }
}

/** The leading number of `deliver N` / `drop N`; everything when absent. */
function count(args: string[]): number {
  return args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) : Infinity;
}

/** `from=X` / `to=Y` filters of `deliver` and `drop`. */
function filter(args: string[]): (m: Message) => boolean {
  const field = (name: string) => {
    const arg = args.find((a) => a.startsWith(`${name}=`));
    return arg === undefined ? undefined : Number(arg.slice(name.length + 1));
  };
  const from = field('from');
  const to = field('to');
  return (m) => (from === undefined || m.from === from) && (to === undefined || m.to === to);
}

function repeat(args: string[]): number {
  const x = args.find((a) => /^x\d+$/.test(a));
  return x === undefined ? 1 : Number(x.slice(1));
}

const CONF_CHANGES: Record<string, ConfChange['type']> = {
  'add-learner': 'addLearner',
  'add-voter': 'addVoter',
  remove: 'removeNode',
};

function formatEntry(e: Entry): string {
  if (e.kind === 'config') {
    const { change } = decodeConfEntry(e);
    return `${e.index}/${e.term}:${change.type}(${change.node})`;
  }
  return `${e.index}/${e.term}:${e.kind === 'command' ? e.data : e.kind}`;
}

export function formatMessage(m: Message): string {
  const head = `${m.from}->${m.to} ${m.type} term=${m.term}`;
  switch (m.type) {
    case 'RequestVote':
    case 'PreVote':
      return `${head} last=${m.lastLogIndex}/${m.lastLogTerm}${m.type === 'RequestVote' && m.transfer ? ' transfer' : ''}`;
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      return `${head} ${m.voteGranted ? 'granted' : 'rejected'}`;
    case 'AppendEntries':
      return (
        `${head} prev=${m.prevLogIndex}/${m.prevLogTerm} commit=${m.leaderCommit} ` +
        `entries=[${m.entries.map(formatEntry).join(' ')}]${m.context === undefined ? '' : ` ctx=${m.context}`}`
      );
    case 'AppendEntriesResponse': {
      const ctx = m.context === undefined ? '' : ` ctx=${m.context}`;
      if (m.success) return `${head} ok match=${m.matchIndex}${ctx}`;
      if (m.rejectedIndex === undefined) return `${head} reject${ctx}`;
      return `${head} reject prev=${m.rejectedIndex} hint=${m.conflictIndex}/${m.conflictTerm}${ctx}`;
    }
    case 'InstallSnapshot':
      return `${head} snapshot=${m.lastIncludedIndex}/${m.lastIncludedTerm} data=${m.snapshot.data}`;
    case 'InstallSnapshotResponse':
      return `${head} match=${m.matchIndex}`;
    case 'TimeoutNow':
      return head;
    case 'ReadIndex':
      return `${head} id=${m.requestId}`;
    case 'ReadIndexResponse':
      return `${head} id=${m.requestId} index=${m.index}`;
  }
}
