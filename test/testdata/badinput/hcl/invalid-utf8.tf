variable "x" {
  default = "ÿþý"
}
