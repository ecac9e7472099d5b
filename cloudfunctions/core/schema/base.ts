/** Every stored document has a string `_id`; values are plain JSON, money in integer fen, times in epoch ms. */
export interface BaseDoc {
  _id: string;
}
