"""Hydra launcher configs (hydra/launcher group): SLURM via submitit, joblib."""
