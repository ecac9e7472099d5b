/** A shipping address in the shape wx.chooseAddress returns, for tests that place orders. */
export const ADDRESS = {
  userName: '张三',
  telNumber: '13900001111',
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 1 号',
};
