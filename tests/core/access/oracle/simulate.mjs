// Test-only: runs each simulation read from standard input through @cloud-copilot/iam-simulate
// (an IAM evaluator we did not write) and prints one result per simulation as JSON.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const simulations = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const results = []
for (const simulation of simulations) {
  try {
    const response = await runSimulation(simulation, {})
    if (response.resultType === 'error') {
      results.push({ error: JSON.stringify(response.errors) })
    } else {
      results.push({ result: response.overallResult })
    }
  } catch (error) {
    results.push({ error: String(error) })
  }
}
process.stdout.write(JSON.stringify(results))
