#!/usr/bin/env python3
"""PyTorch's time for the same training steps as Benchmarks/TrainingStepBenchmarks, one thread.

Run by hand, not in CI (it needs `pip install torch`):

    python3 Benchmarks/peers/training_steps_torch.py
    python3 Benchmarks/peers/training_steps_torch.py --seconds 10 --json torch-steps.json
    python3 Benchmarks/peers/training_steps_torch.py --filter PPO --filter SAC

Each benchmark does the same work as its Swift namesake, on the same shapes:

- DQN training step: an MLP 4-W-W-2 with ReLU (PyTorch's default initialisation, which the
  tensor core copies), forward on a batch of observations, Q(s, a) picked by gather, Huber loss
  (smooth L1, delta 1, mean) against fixed targets, backward, Adam (lr 1e-4); at batch 64 and
  1,024, width 256 and 1,024.
- PPO update: Stable-Baselines3's `PPO.train` at rl-baselines3-zoo's CartPole sizes, as the
  Swift benchmark runs `PPOAgent`'s update: separate 4-64-64-2 and 4-64-64-1 tanh networks
  (orthogonal weights), one Adam (lr 1e-3, eps 1e-5) over both, a rollout of 8 x 32 = 256
  samples, 20 epochs of shuffled minibatches of 256: advantages standardised per minibatch,
  clipped ratio (0.2), value loss (c1 0.5), entropy (c2 0), gradient norm clipped to 0.5, the
  approximate KL and clip fraction computed as SB3 logs them. Also with 1 epoch: one gradient step.
- SAC gradient step: Stable-Baselines3's `SAC.train` for one gradient step on a Pendulum batch
  of 256 (3 observations, 1 action), as the Swift benchmark runs `SACAgent`'s update: actor
  3-W-W-2 (mean and log std, clamped to [-20, 2]) and two critics 4-W-W-1 with ReLU, a
  tanh-squashed reparameterised sample, the entropy coefficient's loss and step, the critics'
  loss against the targets' minimum on the next observations, the actor's loss through the
  critics just updated, Polyak averaging of the targets (tau 0.005); three Adams (lr 1e-3);
  W = 256 and 64.

PyTorch runs on one thread (`torch.set_num_threads(1)`, as the tensor core's OpenBLAS does) with
denormals flushed (`torch.set_flush_denormal(True)`, the tensor core's policy). Every step is
timed on its own for `--seconds` seconds after a warm-up; the script prints the median, the
fastest run and the quartiles in microseconds, and the GFLOP/s of the matrix products at the
median, counted as the Swift benchmarks count them (2·B·in·out per layer forward and per weight gradient, and per input
gradient for every layer but the first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def mlp_training_flops(layer_sizes: list[int], batch_size: int) -> float:
    """The matrix products' floating-point operations of one forward and backward pass."""
    products = [2.0 * batch_size * a * b for a, b in zip(layer_sizes, layer_sizes[1:])]
    return 2 * sum(products) + sum(products[1:])


def mlp(layer_sizes: list[int]) -> torch.nn.Sequential:
    layers: list[torch.nn.Module] = []
    for index, (inputs, outputs) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        layers.append(torch.nn.Linear(inputs, outputs))
        if index < len(layer_sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def dqn_training_step(batch_size: int, width: int):
    """The step and its FLOP count, as DQNTrainingStep.swift builds them."""
    torch.manual_seed(0)
    layer_sizes = [4, width, width, 2]
    network = mlp(layer_sizes)
    optimizer = torch.optim.Adam(network.parameters(), lr=1e-4)
    observations = torch.randn(batch_size, 4)
    actions = torch.randint(0, 2, (batch_size, 1))
    targets = torch.randn(batch_size) * 0.5 + 1

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        q = network(observations).gather(1, actions).squeeze(1)
        loss = F.smooth_l1_loss(q, targets)
        loss.backward()
        optimizer.step()

    name = f"DQN training step (batch {batch_size}, MLP {'-'.join(map(str, layer_sizes))}, Huber, Adam)"
    return name, step, mlp_training_flops(layer_sizes, batch_size)


def orthogonal_mlp(layer_sizes: list[int], output_gain: float) -> torch.nn.Sequential:
    """A tanh MLP with orthogonal weights (gain sqrt 2, the last layer `output_gain`) and zero
    biases, as SB3's `MlpPolicy` for PPO."""
    network = torch.nn.Sequential()
    for index, (inputs, outputs) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        layer = torch.nn.Linear(inputs, outputs)
        last = index == len(layer_sizes) - 2
        torch.nn.init.orthogonal_(layer.weight, gain=output_gain if last else 2 ** 0.5)
        torch.nn.init.zeros_(layer.bias)
        network.append(layer)
        if not last:
            network.append(torch.nn.Tanh())
    return network


def ppo_update(epochs: int):
    """One PPO update at the CartPole sizes (see the module's summary), its name and FLOP count,
    as PPOUpdate.swift builds them."""
    torch.manual_seed(0)
    copies, rollout_steps, batch_size, clip_range = 8, 32, 256, 0.2
    samples = copies * rollout_steps
    actor_sizes, critic_sizes = [4, 64, 64, 2], [4, 64, 64, 1]
    actor, critic = orthogonal_mlp(actor_sizes, 0.01), orthogonal_mlp(critic_sizes, 1.0)
    parameters = list(actor.parameters()) + list(critic.parameters())
    optimizer = torch.optim.Adam(parameters, lr=1e-3, eps=1e-5)

    # The rollout: states uniform within CartPole's bounds, actions from the policy, rewards 1,
    # an episode ending with probability 1/22, GAE(0.8) with gamma 0.98 (as CartPoleRollout.swift).
    observations = (torch.rand(samples, 4) * 2 - 1) * torch.tensor([2.4, 2.0, 0.2095, 2.0])
    with torch.no_grad():
        distribution = torch.distributions.Categorical(logits=actor(observations))
        actions = distribution.sample()
        old_log_probabilities = distribution.log_prob(actions)
        values = critic(observations).squeeze(1)
        last_values = critic((torch.rand(copies, 4) - 0.5) * 0.1).squeeze(1)
    dones = torch.rand(samples) < 1 / 22
    advantages = torch.zeros(samples)
    following = torch.zeros(copies)
    for step in reversed(range(rollout_steps)):
        rows = slice(step * copies, (step + 1) * copies)
        next_values = last_values if step == rollout_steps - 1 else values[(step + 1) * copies:(step + 2) * copies]
        not_done = (~dones[rows]).float()
        delta = 1 + 0.98 * next_values * not_done - values[rows]
        following = delta + 0.98 * 0.8 * not_done * following
        advantages[rows] = following
    returns = advantages + values

    def update() -> None:
        figures = []   # SB3 logs these per minibatch
        for _ in range(epochs):
            for indices in torch.randperm(samples).split(batch_size):
                batch_advantages = advantages[indices]
                batch_advantages = (batch_advantages - batch_advantages.mean()) / (batch_advantages.std() + 1e-8)
                log_probabilities = F.log_softmax(actor(observations[indices]), dim=1)
                log_probability = log_probabilities.gather(1, actions[indices].unsqueeze(1)).squeeze(1)
                entropy = -(log_probabilities.exp() * log_probabilities).sum(1)
                predicted = critic(observations[indices]).squeeze(1)
                log_ratio = log_probability - old_log_probabilities[indices]
                ratio = log_ratio.exp()
                policy_loss = -torch.min(batch_advantages * ratio,
                                         batch_advantages * ratio.clamp(1 - clip_range, 1 + clip_range)).mean()
                value_loss = F.mse_loss(returns[indices], predicted)
                loss = policy_loss - 0.0 * entropy.mean() + 0.5 * value_loss
                with torch.no_grad():
                    approximate_kl = ((ratio - 1) - log_ratio).mean().item()
                    clip_fraction = ((ratio - 1).abs() > clip_range).float().mean().item()
                figures.append((policy_loss.item(), value_loss.item(), approximate_kl, clip_fraction))
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(parameters, 0.5)
                optimizer.step()

    gradient_steps = epochs * samples // batch_size
    flops = gradient_steps * (mlp_training_flops(actor_sizes, batch_size) + mlp_training_flops(critic_sizes, batch_size))
    what = "update" if epochs == 20 else "gradient step"
    name = (f"PPO {what} (CartPole: {copies} × {rollout_steps} samples, minibatch {batch_size}, {epochs} "
            f"epoch{'' if epochs == 1 else 's'}; actor 4-64-64-2, critic 4-64-64-1, tanh, Adam)")
    return name, update, flops


def sac_gradient_step(width: int, batch_size: int = 256):
    """One SAC gradient step on a Pendulum batch (see the module's summary), its name and FLOP
    count, as SACGradientStep.swift builds them."""
    torch.manual_seed(0)
    actor_sizes, critic_sizes = [3, width, width, 2], [4, width, width, 1]
    actor = mlp(actor_sizes)
    critics = [mlp(critic_sizes) for _ in range(2)]
    targets = [mlp(critic_sizes) for _ in range(2)]
    for target, critic in zip(targets, critics):
        target.load_state_dict(critic.state_dict())
        target.requires_grad_(False)
    critic_parameters = [p for critic in critics for p in critic.parameters()]
    target_parameters = [p for target in targets for p in target.parameters()]
    log_alpha = torch.zeros(1, requires_grad=True)
    actor_optimizer = torch.optim.Adam(actor.parameters(), lr=1e-3)
    critic_optimizer = torch.optim.Adam(critic_parameters, lr=1e-3)
    alpha_optimizer = torch.optim.Adam([log_alpha], lr=1e-3)
    target_entropy, discount, tau = -1.0, 0.99, 0.005

    # A batch: states uniform over Pendulum's, a random unit action, the real dynamics' reward
    # and next observation (as PendulumReplay.swift).
    angle, velocity = (torch.rand(batch_size) * 2 - 1) * torch.pi, (torch.rand(batch_size) * 2 - 1) * 8
    unit_actions = torch.rand(batch_size, 1) * 2 - 1
    torque = 2 * unit_actions.squeeze(1)
    normalized = (angle + torch.pi) % (2 * torch.pi) - torch.pi
    rewards = -(normalized ** 2 + 0.1 * velocity ** 2 + 0.001 * torque ** 2)
    next_velocity = (velocity + (15 * torch.sin(angle) + 3 * torque) * 0.05).clamp(-8, 8)
    next_angle = angle + next_velocity * 0.05
    observations = torch.stack([angle.cos(), angle.sin(), velocity], 1)
    next_observations = torch.stack([next_angle.cos(), next_angle.sin(), next_velocity], 1)
    not_terminated = torch.ones(batch_size)

    def policy(states):
        mean, log_std = actor(states).chunk(2, dim=1)
        unsquashed = mean + torch.randn_like(mean) * log_std.clamp(-20, 2).exp()
        actions = unsquashed.tanh()
        log_probability = torch.distributions.Normal(mean, log_std.clamp(-20, 2).exp()).log_prob(unsquashed).sum(1)
        return actions, log_probability - (1 - actions.pow(2) + 1e-6).log().sum(1)

    def q(networks, states, actions):
        inputs = torch.cat([states, actions], 1)
        return [network(inputs).squeeze(1) for network in networks]

    def step() -> tuple[float, float]:
        policy_actions, log_probability = policy(observations)
        alpha = log_alpha.exp().detach()
        alpha_loss = -(log_alpha * (log_probability.detach() + target_entropy)).mean()
        alpha_optimizer.zero_grad(set_to_none=True)
        alpha_loss.backward()
        alpha_optimizer.step()
        with torch.no_grad():
            next_actions, next_log_probability = policy(next_observations)
            next_values = torch.min(*q(targets, next_observations, next_actions)) - alpha * next_log_probability
            target = rewards + not_terminated * discount * next_values
        values = q(critics, observations, unit_actions)
        critic_loss = 0.5 * sum(F.mse_loss(value, target) for value in values)
        critic_optimizer.zero_grad(set_to_none=True)
        critic_loss.backward()
        critic_optimizer.step()
        actor_loss = (alpha * log_probability - torch.min(*q(critics, observations, policy_actions))).mean()
        actor_optimizer.zero_grad(set_to_none=True)
        actor_loss.backward()
        actor_optimizer.step()
        with torch.no_grad():
            torch._foreach_mul_(target_parameters, 1 - tau)
            torch._foreach_add_(target_parameters, critic_parameters, alpha=tau)
        return critic_loss.item(), actor_loss.item()

    # The passes SACGradientStep.swift counts: 2 actor forwards and the actor's backward, the
    # target critics forward, both critics forward and backward twice, the second time down to
    # the action (the first layer's input gradient).
    products = [2.0 * batch_size * a * b for a, b in zip(critic_sizes, critic_sizes[1:])]
    actor_products = [2.0 * batch_size * a * b for a, b in zip(actor_sizes, actor_sizes[1:])]
    actor_backward = sum(actor_products) + sum(actor_products[1:])
    flops = (2 * sum(actor_products) + actor_backward + 2 * sum(products)
             + 4 * mlp_training_flops(critic_sizes, batch_size) + 2 * products[0])
    name = (f"SAC gradient step (batch {batch_size}, Pendulum: actor {'-'.join(map(str, actor_sizes))}, "
            f"critics {'-'.join(map(str, critic_sizes))}, Adam)")
    return name, step, flops


def measure(step, seconds: float) -> list[float]:
    """Times each run of `step` for about `seconds` seconds after a warm-up; microseconds."""
    warm_up_end = time.perf_counter() + min(1.0, seconds / 5)
    while time.perf_counter() < warm_up_end:
        step()
    samples: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(samples) < 5:
        start = time.perf_counter_ns()
        step()
        samples.append((time.perf_counter_ns() - start) / 1_000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per benchmark (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--filter", action="append", metavar="TEXT",
                        help="run only the benchmarks whose name contains TEXT (repeatable)")
    arguments = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.set_flush_denormal(True)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, denormals flushed")

    benchmarks = [lambda b=b, w=w: dqn_training_step(b, w) for b, w in [(64, 256), (1024, 256), (64, 1024), (1024, 1024)]]
    benchmarks += [lambda e=e: ppo_update(e) for e in [20, 1]]
    benchmarks += [lambda w=w: sac_gradient_step(w) for w in [256, 64]]
    results = []
    for make in benchmarks:
        name, step, flops = make()
        if arguments.filter and not any(text in name for text in arguments.filter):
            continue
        samples = measure(step, arguments.seconds)
        quartiles = statistics.quantiles(samples, n=4)
        median = statistics.median(samples)
        gigaflops = flops / (median * 1e-6) / 1e9
        results.append({"name": name, "median_us": median, "p0_us": min(samples), "p25_us": quartiles[0],
                        "p75_us": quartiles[2], "samples": len(samples), "gflops_at_median": gigaflops})
        print(f"{name}: median {median:,.0f} µs (p0 {min(samples):,.0f}, p25 {quartiles[0]:,.0f}, "
              f"p75 {quartiles[2]:,.0f}; {len(samples)} samples), {gigaflops:.0f} GFLOP/s")

    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump({"torch": torch.__version__, "results": results}, file, indent=2)


if __name__ == "__main__":
    main()
