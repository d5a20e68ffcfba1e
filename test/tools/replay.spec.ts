import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseReplayArgs } from '../../tools/replay';

const ROOT = path.resolve(__dirname, '../..');

function runReplay(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--no-warnings', '-r', 'ts-node/register/transpile-only', 'tools/replay.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tools/replay', function () {
  this.timeout(20_000);

  it('prints the two normalized inferences of a two-row CSV capture line with InferenceId abcdefg-12345', () => {
    const result = runReplay(['--source', 'test/fixtures/capture', '--sink', 'stdout']);
    assert.equal(result.status, 0, result.stderr);
    const common = {
      eventId: '5f1c3f2a-7d0e-4b8e-9a51-2c6d7e8f9a0b',
      inferenceId: 'abcdefg-12345',
      inferenceTime: '2024-01-02T03:04:05Z',
      endpoint: 'demo-endpoint',
      variant: 'AllTraffic',
    };
    assert.deepStrictEqual(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line)), [
      { partnerInferenceId: 'abcdefg-12345_0', ...common, input: '1,2,3,4', output: '0.12', customAttributes: null },
      { partnerInferenceId: 'abcdefg-12345_1', ...common, input: '5,6,7,8', output: '0.87', customAttributes: null },
    ]);
    assert.deepStrictEqual(JSON.parse(result.stderr.trim()), {
      level: 'info', message: 'replay summary', objects: 1, objectsSkipped: 0, deadLettersLost: 0, recordsRead: 1, inferencesRead: 2,
      inferencesSent: 2, deadLettered: 0, skipped: 0, unaccounted: 0, base64Records: 0, chunksSent: 1, chunksAlreadyDelivered: 0, chunksDeadLettered: 0,
    });
  });

  it('exits 2 naming each bad flag and the allowed values', () => {
    const result = runReplay(['--souce', 'x', '--sink', 'kafka', '--endpoint', 'e']);
    assert.deepStrictEqual(result, {
      status: 2,
      stdout: '',
      stderr: 'replay: unknown flag --souce (known: --source, --sink, --endpoint, --variant)\n'
        + 'replay: --source is required (a directory or s3://bucket/prefix)\n'
        + 'replay: --sink must be one of arthur, http, stdout, got "kafka"\n'
        + 'replay: --endpoint and --variant go together\n'
        + 'usage: npm run replay -- --source <dir|s3://bucket/prefix> --sink <arthur|http|stdout> [--endpoint <name> --variant <name>]\n',
    });
  });

  it('exits 2 naming every missing variable of the chosen sink', () => {
    const result = runReplay(['--source', 'test/fixtures/capture', '--sink', 'arthur'], { CHUNK_MAX_RECORDS: '0' });
    assert.deepStrictEqual(result, {
      status: 2,
      stdout: '',
      stderr: 'replay: invalid environment for --sink arthur:\n'
        + '  CHUNK_MAX_RECORDS: must be an integer from 1 to 1000000, got "0"\n'
        + '  ARTHUR_HOST: is required when SINK is arthur\n'
        + '  ARTHUR_MODEL_ID: is required when SINK is arthur\n'
        + '  AUTH_SECRET_ARN: is required when SINK is arthur (the Arthur API token)\n',
    });
  });

  it('parses flags in both --flag value and --flag=value forms', () => {
    assert.deepStrictEqual(parseReplayArgs(['--source=s3://capture-bucket/dc/', '--sink', 'http', '--endpoint', 'ep', '--variant=v1']), {
      args: { source: 's3://capture-bucket/dc/', sink: 'http', endpoint: 'ep', variant: 'v1' },
      problems: [],
    });
    assert.deepStrictEqual(parseReplayArgs(['--source', '--sink', 'stdout', '--source', 's3://Bad_Bucket']), {
      args: null,
      problems: ['--source needs a value', '--source "s3://Bad_Bucket" is not s3://bucket/prefix'],
    });
  });
});
